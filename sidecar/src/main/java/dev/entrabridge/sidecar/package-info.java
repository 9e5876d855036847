/**
 * The bridge's HTTP contract on a JDK {@code com.sun.net.httpserver} server at {@code 127.0.0.1:7000}: the
 * routes of Microsoft's Entra SDK for AgentID sidecar (so agents written for it work unchanged), a plain
 * {@code POST /token} with RFC 8693 token exchange and the {@code health} command. The demo on in-process
 * emulators is its own module ({@code demo-app}, {@code ./demo}), which launches this sidecar unchanged through
 * {@code SidecarMain.start} with an environment of its own. {@link dev.entrabridge.sidecar.SidecarMain} goes
 * options → environment →
 * {@code BridgeRuntime} → server; {@code ExchangeMapping} only maps {@code HttpExchange} to and from the
 * core's {@code BridgeRequest}/{@code BridgeResponse}: every rule lives in the core and is shared with the
 * Lambda and Azure Function adapters.
 *
 * <h2>Flags</h2>
 * <table>
 *   <caption>Flags of {@code java -jar entra-agent-bridge-sidecar.jar}</caption>
 *   <tr><th>flag</th><th>meaning</th></tr>
 *   <tr><td>{@code --port N}</td><td>listen port, default 7000 (0 = any free port)</td></tr>
 *   <tr><td>{@code --bind ADDRESS}</td><td>listen address, default {@code 127.0.0.1}</td></tr>
 *   <tr><td>{@code --config FILE}</td><td>bridge configuration JSON (same as {@code BRIDGE_CONFIG_FILE}); environment
 *       variables win over it; every setting, the health check's included, can be set there</td></tr>
 *   <tr><td>{@code --allow-from CIDR}</td><td>also serve peers in this network (repeatable); they count as
 *       {@code loopback} callers for the policy</td></tr>
 *   <tr><td>{@code --workers N}</td><td>worker threads, default 16; at most 4 × N requests are admitted, the rest get
 *       503 + {@code Retry-After: 1}</td></tr>
 * </table>
 *
 * <h2>The credential health check</h2>
 * {@code java -jar … health [--config FILE] [--json]} runs the check of
 * {@code dev.entrabridge.health} once on a runtime built from the environment, prints the report (text, or JSON
 * with {@code --json}) and exits 0 on pass or warn, 1 on fail, 2 on a usage or configuration error: for CI/CD
 * steps and Kubernetes probes. The running sidecar also runs it in the background a second after start and then
 * every {@code BRIDGE_HEALTH_INTERVAL_SECONDS} ({@code health.intervalSeconds}; default 300, 0 = off, and then no
 * check is built and {@code /healthz} is liveness only), logs each check as a structured line, and serves the last
 * summary on {@code /healthz} ({@code {"status":"Healthy","health":{"credential":{"status":"pass",…}}}},
 * {@code "pending"} before the first run); with {@code BRIDGE_HEALTH_FAIL_HEALTHZ=true} a failed run makes
 * {@code /healthz} answer 503. The check shares the sidecar's one credential and HTTP client.
 *
 * <h2>Configuration</h2>
 * Outside the demo it talks to real Entra with the configuration of {@code dev.entrabridge.config}
 * ({@code ENTRA_TENANT_ID}, {@code ENTRA_BLUEPRINT_CLIENT_ID}, {@code BRIDGE_CREDENTIAL_SOURCE},
 * {@code BRIDGE_AGENTS}, {@code DownstreamApis__<name>__…} and Microsoft's {@code AzureAd__…} names), plus
 * {@code BRIDGE_POLICY} (which caller may use which agent, API, flow and scopes; default deny, the sidecar warns
 * at start when none is set), e.g.
 * {@code {"rules":[{"name":"local","caller":{"kind":"loopback"},"agents":["mail-agent"],"apis":["graph"],"flows":["autonomous","obo","agent-user"]}]}},
 * and {@code BRIDGE_CALLERS} (issuers whose JWTs authenticate RFC 8693 callers of {@code /token}). Users' tokens on
 * {@code /AuthorizationHeader}, {@code /DownstreamApi} and {@code /Validate} are validated against the configured
 * tenant (v2 {@code {authority}/{ENTRA_TENANT_ID}/v2.0}, audience the blueprint's appId; v1
 * {@code https://sts.windows.net/{ENTRA_TENANT_ID}/}, audience the appId or {@code api://} appId): give the tenant's GUID.
 *
 * <p>Stdout carries one JSON audit line per token issued or refused; stderr the core's one-line log events.
 * SIGTERM (Ctrl+C) stops accepting, answers new requests with 503 while it drains admitted ones (up to 5 s), then
 * exits. Who may call: loopback peers only, 403 {@code BRIDGE_PEER_NOT_ALLOWED} otherwise; {@code /healthz} is open.
 *
 * <h2>The contract</h2>
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>answer</th></tr>
 *   <tr><td>{@code GET /AuthorizationHeaderUnauthenticated/{api}?AgentIdentity=…[&AgentUsername=…|&AgentUserId=…]}</td>
 *       <td>{@code {"authorizationHeader":"Bearer …"}} (autonomous or agent user)</td></tr>
 *   <tr><td>{@code GET /AuthorizationHeader/{api}?AgentIdentity=…} + {@code Authorization: Bearer <user token>}</td>
 *       <td>on-behalf-of token ({@code optionsOverride.RequestAppToken=true}: app token)</td></tr>
 *   <tr><td>{@code POST /DownstreamApiUnauthenticated/{api}?…&optionsOverride.RelativePath=…[&optionsOverride.HttpMethod=…]}
 *       / {@code POST /DownstreamApi/{api}}</td><td>{@code {"statusCode":n,"headers":{…},"content":"…"}}; the request
 *       body is forwarded</td></tr>
 *   <tr><td>{@code GET /Validate} + {@code Authorization: Bearer …}</td><td>{@code {"protocol":"Bearer","token":"…","claims":{…}}}</td></tr>
 *   <tr><td>{@code POST /token} JSON {@code {"agentIdentity","api"|"scopes","agentUserId"?|"agentUsername"?}}, or the
 *       RFC 8693 form ({@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange}, {@code subject_token},
 *       {@code subject_token_type=urn:ietf:params:oauth:token-type:jwt}, {@code agent_identity}, {@code audience} = API
 *       name or {@code scope}, {@code agent_user_id}|{@code agent_username})</td>
 *       <td>{@code {"access_token","token_type":"Bearer","expires_in","expires_on"}} (+ {@code issued_token_type})</td></tr>
 *   <tr><td>{@code GET /healthz}</td><td>liveness plus the last credential health report's summary</td></tr>
 * </table>
 *
 * <p>Also accepted, bound as Microsoft's sidecar binds them (names case-insensitive, the last value of a
 * repeated option wins, unknown names ignored and logged once): {@code optionsOverride.Scopes} (repeatable),
 * {@code RequestAppToken}, {@code RelativePath}, {@code HttpMethod}, {@code AcceptHeader}, {@code ContentType},
 * {@code ExtraHeaderParameters.*}, {@code CustomHeader.*}, {@code ExtraQueryParameters.*},
 * {@code AcquireTokenOptions.ForceRefresh|Tenant|CorrelationId|Claims}. What is refused on purpose, and why, is the
 * migration table of the module README: no {@code AgentIdentity} without a {@code blueprint-app}/{@code blueprint-obo}
 * policy rule (403 naming the rule), {@code FmiPath}, {@code ManagedIdentity.UserAssignedClientId}, {@code PopPublicKey},
 * {@code LongRunningWebApiSessionKey} (400); {@code optionsOverride.BaseUrl} is ignored with a warning. A request
 * whose target is not a valid URI (e.g. {@code %zz}) is refused by the JDK server itself with its own plain 400. The
 * contract's OpenAPI document is served at {@code GET /openapi/v1.json}.
 *
 * <p>Errors are {@code application/problem+json} (RFC 9457): {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code code}, {@code remedy}, {@code correlationId}; {@code Cache-Control: no-cache, no-store,
 * must-revalidate}, {@code Pragma: no-cache} and {@code Expires: 0} on every token-bearing response, {@code no-store} on
 * every error. Statuses: 400 bad input, 401 unauthenticated (with
 * {@code WWW-Authenticate}) or Entra refused the credential or a foreign tenant override, 403 policy
 * ({@code POLICY_DENIED} and why), non-loopback peer, consent missing or path outside the API's allowlist, 400 unknown
 * API, 404 unknown route/agent, 405 (+{@code Allow}), 413
 * body over 64 KiB, 415, 429 Entra throttled, 502 Entra refused a request we built wrongly or the API failed, 503
 * Entra/STS unavailable or overload (+{@code Retry-After}), 504 API timeout. A refused token's status is the core's
 * one table, {@code Diagnosis.httpStatus()}.
 *
 * <h2>Containers, Ollama/LangChain, n8n</h2>
 * {@code sidecar/Dockerfile} builds a distroless, non-root image ({@code docker build -f sidecar/Dockerfile .} from
 * the repository root); {@code sidecar/docker-compose.yml} runs an agent container in the sidecar's network
 * namespace, so the agent calls {@code http://localhost:7000} and is a loopback caller, as in a Kubernetes pod
 * (written, not built here: no container engine on the project's machines). A LangChain tool calls
 * {@code POST /DownstreamApiUnauthenticated/graph?AgentIdentity=mail-agent&optionsOverride.RelativePath=users}
 * and returns the answer's {@code content} (decorate it with LangChain's {@code tool} and bind it to
 * {@code ChatOllama}):
 * <pre>{@code
 * def list_directory_users() -> str:
 *     """List the users of the company directory (Microsoft Graph)."""
 *     r = requests.post(f"{BRIDGE}/DownstreamApiUnauthenticated/graph",
 *                       params={"AgentIdentity": "mail-agent", "optionsOverride.RelativePath": "users"}, timeout=30)
 *     r.raise_for_status()                      # a refusal is problem+json with "detail" and "remedy"
 *     return r.json()["content"]
 * }</pre>
 * or, as with Microsoft's sidecar, fetches {@code /AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent}
 * and sends its {@code authorizationHeader} as the {@code Authorization} header of its own Graph call. An n8n HTTP
 * Request node: Method {@code POST}, URL {@code http://localhost:7000/DownstreamApiUnauthenticated/graph}, Query
 * Parameters {@code AgentIdentity} = {@code mail-agent} and {@code optionsOverride.RelativePath} = {@code users},
 * Response Format JSON; the Graph answer is in {@code {{$json.content}}} (a string: parse it with a Code node). n8n in
 * its own container is not a loopback caller: run it in the sidecar's network namespace, or start the sidecar with
 * {@code --bind 0.0.0.0 --allow-from <n8n's network CIDR>}.
 */
package dev.entrabridge.sidecar;
