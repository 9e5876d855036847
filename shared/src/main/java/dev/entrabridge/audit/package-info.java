/**
 * One line per token decision. {@code AuditLog(Consumer<String> sink, Clock)} or
 * {@code AuditLog.toStandardOutput()}; {@code record(AuditEvent)}; {@code toJson(event)} for adapters with
 * their own logger. Events: {@code AuditEvent.issued()} / {@code AuditEvent.refused(diagnosisCode, reason)}
 * then {@code .caller(c).agent(name, appId).blueprint(appId).flow(f).api(name, scopes).rule(r)
 * .correlationId(id).latency(d).build()}. The token issuance writes exactly one per request. Line shape (one
 * line on the wire; {@code caller.kind} is {@code UNAUTHENTICATED} when authentication itself failed;
 * {@code caller.agentAliasId} appears for a Bedrock agent invoked through an alias):
 *
 * <pre>{@code
 * {"timestamp":"2026-01-15T10:00:00Z","event":"agent_token","outcome":"refused",
 *  "caller":{"kind":"JWT","issuer":"https://idp.example.com/tenant-a","subject":"n8n-workflow","principalArn":null,"agentId":null},
 *  "agent":"helpdesk-agent","agentIdentity":null,"blueprint":"1111…","flow":"autonomous","api":"graph",
 *  "scopes":["https://graph.microsoft.com/.default"],"diagnosisCode":"POLICY_DENIED","reason":"…","rule":"n8n-mail",
 *  "correlationId":null,"latencyMs":3}
 * }</pre>
 *
 * <p>Every string value that contains something JWT-shaped (three base64url segments, the first an encoded
 * JSON header, or three long segments) is written as {@code <redacted>} ({@code TokenRedaction}).
 */
package dev.entrabridge.audit;
