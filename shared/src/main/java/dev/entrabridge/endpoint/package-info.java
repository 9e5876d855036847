/**
 * The HTTP contract, once for every deployment: {@code BridgeEndpoint.handle(BridgeRequest) →
 * BridgeResponse}, framework-neutral records in and out; the sidecar, the Lambda Function URL and the Azure
 * Function only map their own request types to them.
 *
 * <p>Routes: Microsoft's sidecar routes ({@code /AuthorizationHeader[Unauthenticated]/{api}},
 * {@code /DownstreamApi[Unauthenticated]/{api}}, {@code /Validate}, {@code /healthz}) plus
 * {@code POST /token} (JSON, or RFC 8693 with the caller's own JWT as {@code subject_token}) and the contract's
 * OpenAPI document ({@code GET /openapi/v1.json}), all listed once in {@code ContractRoute}, which the endpoint
 * dispatches on and {@code OpenApiDocumentTest} compares the document with. The sidecar routes bind their query as
 * Microsoft's sidecar does ({@code QueryParameters}, {@code TokenOptions}, {@code DownstreamOptions}): unknown names
 * ignored, the last value of a repeated option winning, the API's configured {@code RelativePath}, {@code HttpMethod},
 * {@code RequestAppToken} and token options as defaults; the bearer of the authenticated routes is checked before any
 * parameter. Every token
 * goes through the {@code dev.entrabridge.issuance} API: the caller policy first (403 with its reason,
 * never a fallback token), then the core, one audit line either way; a request refused earlier (bad input,
 * unauthenticated) is audited too. Every refusal is a {@link dev.entrabridge.endpoint.RequestRefused}
 * rendered by {@code Problems} as RFC 9457 {@code application/problem+json} with {@code code},
 * {@code remedy} and {@code correlationId}; a refused token's status is
 * {@link dev.entrabridge.token.Diagnosis#httpStatus()}. Input is checked strictly ({@code QueryParameters},
 * {@code TokenOptions}, {@code RoutePath}, {@code StrictJson}, {@code FormDecoding}, {@code BearerToken}):
 * duplicate agent parameters, the four identity- or token-type-changing options, control characters, bad UTF-8,
 * traversal, unknown JSON fields and bodies over 64 KiB are 4xx, never 500.
 *
 * <p>Who calls: an adapter that authenticates its caller by its transport (the sidecar's loopback peer, a
 * Function URL's IAM signature) puts it on the request. Where callers come over the network (the Azure
 * Function, {@code BridgeEndpoint.Builder.callersOverNetwork()}, the runtime's {@code networkEndpoint()}),
 * the endpoint itself authenticates every request before any route runs, by the caller's own OIDC JWT from a
 * {@code BRIDGE_CALLERS} issuer: {@code X-Caller-Authorization: Bearer <caller JWT>} on every route
 * ({@code Authorization} keeps carrying the user's token on the on-behalf-of routes and {@code /Validate}), or on
 * {@code POST /token}'s RFC 8693 form {@code subject_token} (autonomous, agent user) — or, acting for a user
 * (RFC 8693 §4.1), {@code subject_token} = the user's access token and {@code actor_token} = the caller's JWT
 * ({@code actor_token_type=urn:ietf:params:oauth:token-type:jwt}); the header is then refused
 * ({@code BRIDGE_AMBIGUOUS_CALLER}). The adapter's caller is discarded. {@code handleOwnRoute(mapping, answer)}
 * puts an adapter's own route (the Azure Function's stored health report) behind the same check.
 *
 * <p>{@code ConfiguredEndpoint.builder(BridgeConfig, HttpClient, TokenIssuance)} wires {@code BRIDGE_CALLERS}
 * (issuers whose JWTs authenticate RFC 8693 callers: {@code {"trustedIssuers":[{"issuer":"https://…",
 * "audiences":["…"],"jwksUri":"https://…"}]}}, {@code jwksUri} optional) and the validation of users' tokens
 * against the configured tenant (v2 {@code {authority}/{tenant}/v2.0} with the blueprint's appId as audience, and
 * v1 {@code https://sts.windows.net/{tenant}/} with the appId or {@code api://} appId);
 * {@link dev.entrabridge.endpoint.HealthSummary} is how the health check feeds {@code /healthz}. The runtime
 * builds the endpoint; the contract suite ({@code endpoint.contract.HttpContractSuite} in this module's
 * test-jar) runs against every adapter.
 */
package dev.entrabridge.endpoint;
