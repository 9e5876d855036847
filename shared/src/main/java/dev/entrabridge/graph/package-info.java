/**
 * Microsoft Graph operations for agents: records in, records out, no server or cloud types, so the
 * Bedrock action group, the HTTP endpoint or anything else can call them.
 *
 * <pre>{@code
 * GraphOperations graph = new GraphOperations(outboundHttpClient, config.graph(), clock);
 * GraphToken token = () -> issuedAgentToken.accessToken();   // from the public issuance API (policy, audit)
 * GraphResult adele = graph.getUser(token, UserLookup.of("AdeleV@contoso.com"));
 * GraphResult found = graph.searchUsers(token, new UserSearch("Ade", 5));
 * GraphResult day   = graph.calendarView(token, CalendarQuery.parse("AdeleV@contoso.com", "2026-01-15", "2026-01-15"));
 * MailSent sent     = graph.sendMail(token, MailMessage.text("AdeleV@contoso.com", List.of("AlexW@contoso.com"), "Hi", "…"));
 * GraphResult boss  = graph.get(token, "users/AdeleV@contoso.com/manager?$select=displayName");
 * }</pre>
 *
 * <h2>Operations</h2>
 * <table>
 * <caption>Graph requests and the least permission each needs (application / delegated)</caption>
 * <tr><th>method</th><th>Graph request</th><th>permission</th></tr>
 * <tr><td>{@code getUser}</td><td>{@code GET /v1.0/users/{upn|id}?$select=…} ({@link dev.entrabridge.graph.UserLookup#FIELDS},
 *     default {@code id,displayName,userPrincipalName,mail,jobTitle})</td><td>User.Read.All / User.ReadBasic.All</td></tr>
 * <tr><td>{@code searchUsers}</td><td>{@code GET /v1.0/users?$filter=startswith(displayName,'p') or startswith(mail,'p')&$select=…&$top=N}:
 *     both work by default, so no {@code ConsistencyLevel: eventual} (which {@code $search} would need)</td>
 *     <td>User.Read.All / User.ReadBasic.All</td></tr>
 * <tr><td>{@code calendarView}</td><td>{@code GET /v1.0/users/{upn|id}/calendarView?startDateTime=…&endDateTime=…&$select=subject,start,end,location&$orderby=start/dateTime&$top=N},
 *     window at most 31 days</td><td>Calendars.Read</td></tr>
 * <tr><td>{@code sendMail}</td><td>{@code POST /v1.0/users/{upn|id}/sendMail} → 202; only with {@code BRIDGE_GRAPH_SEND_MAIL=true},
 *     otherwise refused before any token or request</td><td>Mail.Send</td></tr>
 * <tr><td>{@code get}</td><td>{@code GET /v1.0/{path}} below a {@code BRIDGE_GRAPH_ALLOWED_PATHS} prefix (whole segments),
 *     checked by {@code downstream.RelativePath}: no traversal, encoded dots or slashes, host or scheme</td>
 *     <td>by path, e.g. users → User.Read.All, groups → GroupMember.Read.All</td></tr>
 * </table>
 *
 * <p>Inputs are validated when the records are built ({@code GRAPH_INVALID_INPUT}, category CALLER,
 * naming the parameter): users are a GUID or a UPN of the characters Entra allows; a search prefix
 * is 1–64 letters, digits, spaces and {@code . - _ ' ’ @ + &} (OData literals double single quotes,
 * every value is percent-encoded); times are ISO-8601 with a zone, or a date for a whole UTC day;
 * mail has 1–10 recipients, a one-line subject and at most 32 KiB of body.
 *
 * <h2>Results</h2>
 * A {@link dev.entrabridge.graph.GraphResult}: one entity as its JSON object, or a collection as
 * {@code {"value":[…],"truncated":false}}, trimmed for a model (no {@code @odata.*} or other
 * annotations, no null or empty values) and at most {@code BRIDGE_GRAPH_MAX_BYTES} long. Collections
 * follow {@code @odata.nextLink} — only on Graph's origin and {@code /v1.0} (and, for {@code get},
 * the allowed prefixes), never to another host — until the item cap, the byte cap, the operation's
 * deadline or 20 pages; then {@code truncated} is true. A single entity or item larger than the byte
 * cap is refused ({@code GRAPH_RESULT_TOO_LARGE}). Graph is never retried here: a 429/503 comes back
 * with its {@code Retry-After} for the caller to decide.
 *
 * <h2>Refusals</h2>
 * Every failure is a {@link dev.entrabridge.graph.GraphException} with a diagnosis (and Graph's
 * status, error code, request-id and {@code Retry-After} when Graph answered). Graph's error body
 * {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}} is
 * quoted in the cause, shortened and never with the token.
 * <table>
 * <caption>Diagnosis codes</caption>
 * <tr><th>code</th><th>category</th><th>when</th></tr>
 * <tr><td>GRAPH_FORBIDDEN</td><td>PERMISSION</td><td>403; names the permission to grant for the token's kind, and what the token carries</td></tr>
 * <tr><td>GRAPH_MAILBOX_ACCESS_DENIED</td><td>PERMISSION</td><td>403 on a mailbox although the token carries the permission (application access policy)</td></tr>
 * <tr><td>GRAPH_SEND_MAIL_DISABLED, GRAPH_PATH_NOT_ALLOWED</td><td>PERMISSION</td><td>this deployment's settings forbid it</td></tr>
 * <tr><td>GRAPH_UNAUTHORIZED</td><td>CREDENTIAL</td><td>401: the token is not one Graph accepts</td></tr>
 * <tr><td>GRAPH_NOT_FOUND, GRAPH_NO_MAILBOX</td><td>CALLER</td><td>404 (no such user; {@code MailboxNotEnabledForRESTAPI})</td></tr>
 * <tr><td>GRAPH_BAD_REQUEST, GRAPH_REQUEST_REFUSED, GRAPH_BAD_PATH, GRAPH_INVALID_INPUT, GRAPH_RESULT_TOO_LARGE, GRAPH_RESPONSE_TOO_LARGE</td>
 *     <td>CALLER</td><td>the request or its input must change</td></tr>
 * <tr><td>GRAPH_THROTTLED, GRAPH_UNAVAILABLE, GRAPH_TIMEOUT, GRAPH_UNREACHABLE</td><td>TRANSIENT</td><td>429, 5xx, deadline, network</td></tr>
 * <tr><td>GRAPH_REDIRECTED, GRAPH_INVALID_RESPONSE</td><td>CONFIGURATION</td><td>the base URL is not Graph</td></tr>
 * </table>
 *
 * <h2>Settings</h2>
 * {@link dev.entrabridge.config.GraphSettings}, read with every other setting (environment first,
 * then the {@code graph} object of {@code BRIDGE_CONFIG_FILE}):
 * <table>
 * <caption>Variables</caption>
 * <tr><th>variable</th><th>file field</th><th>meaning</th></tr>
 * <tr><td>{@code BRIDGE_GRAPH_BASE_URL}</td><td>{@code graph.baseUrl}</td><td>Graph's https origin; default the origin of
 *     the configured downstream API whose scopes are Graph's (as the health check uses), else {@code https://graph.microsoft.com}</td></tr>
 * <tr><td>{@code BRIDGE_GRAPH_MAX_BYTES}</td><td>{@code graph.maxBytes}</td><td>result cap in bytes, 1024–1048576, default 20480</td></tr>
 * <tr><td>{@code BRIDGE_GRAPH_MAX_RESULTS}</td><td>{@code graph.maxResults}</td><td>items per result, 1–999, default 25</td></tr>
 * <tr><td>{@code BRIDGE_GRAPH_ALLOWED_PATHS}</td><td>{@code graph.allowedPaths}</td><td>prefixes below {@code /v1.0/} the generic
 *     GET may read, e.g. {@code /users,/groups}; default none; {@code /}, versions, {@code .}/{@code ..} and escapes refused</td></tr>
 * <tr><td>{@code BRIDGE_GRAPH_SEND_MAIL}</td><td>{@code graph.sendMail}</td><td>{@code true} lets agents send mail; default false</td></tr>
 * <tr><td>{@code BRIDGE_GRAPH_TIMEOUT_MS}</td><td>{@code graph.timeoutMs}</td><td>one operation, all pages, 100–120000, default 10000</td></tr>
 * </table>
 * The agent's token should be requested for {@code GraphSettings.api()} (the configured API, which
 * policies name) or else {@code GraphSettings.scopes()}.
 */
package dev.entrabridge.graph;
