/**
 * The bridge as an Azure Function app: thin adapters over the core, built once per worker process.
 *
 * <table>
 *   <caption>Functions (route prefix {@code api}, every HTTP function {@code authLevel = FUNCTION})</caption>
 *   <tr><th>function</th><th>trigger</th><th>what it does</th></tr>
 *   <tr><td>{@code AuthorizationHeaderUnauthenticated}</td><td>GET {@code /api/AuthorizationHeaderUnauthenticated/{api}}</td>
 *       <td>agent token (autonomous, agent user)</td></tr>
 *   <tr><td>{@code AuthorizationHeader}</td><td>GET {@code /api/AuthorizationHeader/{api}}</td><td>on-behalf-of the
 *       user whose token is in {@code Authorization}</td></tr>
 *   <tr><td>{@code DownstreamApiUnauthenticated}, {@code DownstreamApi}</td><td>POST {@code /api/DownstreamApi[Unauthenticated]/{api}}</td>
 *       <td>call a configured API with the agent token</td></tr>
 *   <tr><td>{@code Validate}</td><td>GET {@code /api/Validate}</td><td>the user token's claims</td></tr>
 *   <tr><td>{@code token}</td><td>POST {@code /api/token}</td><td>JSON, or RFC 8693 exchange (and §4.1 delegation)</td></tr>
 *   <tr><td>{@code healthz}</td><td>GET {@code /api/healthz}</td><td>liveness (and this instance's last summary, if it ran the check)</td></tr>
 *   <tr><td>{@code openapi}</td><td>GET {@code /api/openapi/v1.json}</td><td>the contract's OpenAPI document</td></tr>
 *   <tr><td>{@code health}</td><td>GET {@code /api/health}</td><td>the timer's last report, read from the app's storage</td></tr>
 *   <tr><td>{@code credential-health}</td><td>timer {@code %BRIDGE_HEALTH_SCHEDULE%}</td><td>the credential health check</td></tr>
 * </table>
 *
 * <p>Callers: the app is on the internet, so every HTTP request proves its caller by the caller's own OIDC JWT
 * (an AWS STS web identity token, a GCP ID token, a Kubernetes or GitHub OIDC token, an Entra token for the
 * bridge's app) from a {@code BRIDGE_CALLERS} issuer, checked in the core before any route runs:
 * {@code X-Caller-Authorization: Bearer <caller JWT>} on every route, or on {@code POST /api/token}'s RFC 8693
 * form {@code subject_token} — and, acting for a user, {@code subject_token} = the user's access token with
 * {@code actor_token} = the caller's JWT. Function keys ({@code x-functions-key}; {@code ?code=} is dropped
 * before the contract sees the query) are defence in depth, never identity. Easy Auth's
 * {@code X-MS-CLIENT-PRINCIPAL} is not used: it carries no signature, so the function could only trust it by
 * trusting that App Service Authentication is switched on, which nothing in the request proves, and Easy Auth
 * would take over the {@code Authorization} header the on-behalf-of routes need for the user's token.
 *
 * <p>The blueprint's credential is the app's user-assigned managed identity ({@code BRIDGE_CREDENTIAL_SOURCE=managed-identity},
 * {@code BRIDGE_MANAGED_IDENTITY_CLIENT_ID}; the platform sets {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER}).
 * The timer runs on {@code BRIDGE_HEALTH_SCHEDULE} (six-field NCRONTAB, every 15 minutes by default); see
 * {@code HealthScheduleSetting} for why the default lives in the deployment, not here.
 */
package dev.entrabridge.azure;
