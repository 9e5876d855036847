/**
 * The credential health check: a check that actually checks. {@code runtime.health().run()} returns a
 * {@link dev.entrabridge.health.HealthReport} (also kept as {@code lastReport()} for {@code /healthz}).
 * Checks, in order (each PASS/WARN/FAIL with duration, evidence and, when not passing, a {@code Diagnosis}
 * with its remedy):
 *
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>check</th><th>what it proves</th></tr>
 *   <tr><td>{@code configuration}</td><td>tenant, authority, blueprint, agents, APIs, credential source; warns for
 *       no API or a development credential (secret/certificate)</td></tr>
 *   <tr><td>{@code assertion}</td><td>the credential source mints an assertion; reports its {@code iss}, {@code sub},
 *       {@code aud}, {@code exp}, {@code kid} and the exact values the blueprint's FIC must hold
 *       ({@code ficIssuer}, {@code ficSubject}, {@code ficAudience})</td></tr>
 *   <tr><td>{@code issuer-discovery}</td><td>{@code {iss}/.well-known/openid-configuration} and its {@code jwks_uri}
 *       are reachable over HTTPS and publish the assertion's {@code kid}</td></tr>
 *   <tr><td>{@code token-exchange}</td><td>leg 1 and leg 2 for every agent × API (and leg 2 of the agent-user
 *       flow), bypassing caches, with latency; throttling and FIC propagation retried by the bridge's one retry
 *       engine within {@code BRIDGE_HEALTH_RETRY_SECONDS}: success after retries is a WARN saying what was retried</td></tr>
 *   <tr><td>{@code federated-credential}</td><td>(Graph, optional) the blueprint holds a FIC equal to the
 *       assertion's issuer/subject/audience; otherwise the closest FIC and each differing field with both values
 *       and a hint (letter case, trailing slash, whitespace); without {@code AgentIdentityBlueprint.Read.All} it is
 *       skipped with a WARN</td></tr>
 *   <tr><td>{@code credential-expiry}</td><td>the blueprint's password/key credentials (Graph) and a local
 *       certificate: WARN inside 30 days, FAIL inside 7 or expired</td></tr>
 *   <tr><td>{@code clock-skew}</td><td>local clock vs Entra's {@code Date} header (WARN ≥ 1 min, FAIL ≥ 5 min)</td></tr>
 * </table>
 *
 * <p>The run shares the runtime's credential, token service and HTTP client, and is bounded by
 * {@code BRIDGE_HEALTH_BUDGET_SECONDS} (default 20): a check still running when it is spent fails with
 * {@code BRIDGE_HEALTH_TIMEOUT}, the rest are reported {@code BRIDGE_HEALTH_NOT_RUN}. Its settings
 * ({@code BRIDGE_HEALTH_*}, or the configuration file's {@code health} object) are in {@code dev.entrabridge.config}.
 *
 * <p>Report JSON ({@link dev.entrabridge.health.HealthReportJson#render}), stable field names:
 * <pre>{@code
 * {
 *   "status": "pass|warn|fail",
 *   "startedAt": "2026-11-26T04:00:00Z",
 *   "durationMs": 850,
 *   "counts": {"pass": 6, "warn": 1, "fail": 0},
 *   "checks": [
 *     {"check": "assertion", "status": "pass", "durationMs": 120, "summary": "…",
 *      "evidence": {"iss": "…", "sub": "…", "aud": "…", "ficIssuer": "…", "ficSubject": "…", "ficAudience": "…"},
 *      "diagnosis": {"category": "CONFIGURATION", "code": "AADSTS700213", "cause": "…", "remedy": "…"}}
 *   ],
 *   "versions": {"bridge": "…", "java": "17…", "msal4j": "…"}
 * }
 * }</pre>
 * {@code diagnosis} is present only when a check is not passing; evidence never holds a token, assertion or
 * secret. {@link dev.entrabridge.health.HealthReportText#render} is the terminal form;
 * {@code HealthReportJson.summary} the {@code /healthz} form ({@code {"status","checkedAt","checks":{name:status}}},
 * served through {@link dev.entrabridge.health.CredentialHealthSummary}). Metrics:
 * {@link dev.entrabridge.health.EmfHealthMetrics} writes one CloudWatch Embedded Metric Format line per check plus
 * {@code overall} (namespace {@code EntraAgentBridge}, dimensions {@code Service}, {@code Check}; metrics
 * {@code CheckFailed}, {@code CheckWarned}, {@code CheckDurationMs});
 * {@link dev.entrabridge.health.LogHealthMetrics} writes the same as structured log lines for Application Insights.
 * Only these types are public; the checks themselves are this package's own.
 */
package dev.entrabridge.health;
