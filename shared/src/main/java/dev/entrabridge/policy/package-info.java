/**
 * May this caller have this token. {@code CallerPolicy.fromJson(json)} / {@code fromFile(path)} /
 * {@code denyAll()}; {@code decide(caller, agentName, api, flow, scopes)} →
 * {@link dev.entrabridge.policy.PolicyDecision}{@code (allowed, reason, rule)} with {@code code()}
 * {@code POLICY_ALLOWED|POLICY_DENIED}. Default deny. {@code agentName} is the configured agent name
 * (resolve an appId first); {@code null} asks for the blueprint's own token, which only a rule whose {@code flows}
 * name {@code blueprint-app} (app-only) or {@code blueprint-obo} (on-behalf-of as the blueprint) grants, for its
 * {@code apis} (such a rule may leave {@code agents} out); otherwise the refusal's {@code remedy()} is the rule to add. {@code api} may be
 * {@code null} for raw-scope requests (then only a rule with {@code "apis":["*"]} allows it). Pass the scopes
 * that will actually be requested.
 *
 * <pre>{@code
 * { "rules": [
 *   { "name": "n8n-mail",
 *     "caller": { "kind": "jwt", "issuer": "https://idp.example.com/tenant-a", "subject": "n8n-workflow" },
 *     "agents": ["mail-agent"], "apis": ["graph"], "flows": ["autonomous"],
 *     "scopes": ["https://graph.microsoft.com/.default"] },
 *   { "name": "lambda-roles",
 *     "caller": { "kind": "aws-iam", "principalArn": "arn:aws:sts::123456789012:assumed-role/agent-*" },
 *     "agents": ["mail-agent"], "apis": ["graph", "mcp"], "flows": ["autonomous", "agent-user"] },
 *   { "name": "helpdesk", "caller": { "kind": "bedrock-agent", "agentId": "AGENT12345" },
 *     "agents": ["helpdesk-agent"], "apis": ["graph"], "flows": ["autonomous"] },
 *   { "name": "laptop", "caller": { "kind": "loopback" },
 *     "agents": ["*"], "apis": ["*"], "flows": ["autonomous", "obo", "agent-user"] }
 * ] }
 * }</pre>
 *
 * <p>Caller kinds: {@code loopback}, {@code jwt} (issuer + subject, exact, case-sensitive), {@code aws-iam}
 * (exact ARN, or a prefix ending in a single trailing {@code *} after at least the account id),
 * {@code bedrock-agent} (its agent id; which agent it acts as comes from {@code BRIDGE_BEDROCK_AGENTS}).
 * {@code agents} and {@code apis} accept {@code *}; {@code flows} are {@code autonomous}, {@code obo},
 * {@code agent-user}, {@code blueprint-app}, {@code blueprint-obo}; {@code scopes} is optional (absent = any scope of the API). Unknown fields, blank or
 * padded values, duplicate rule names are refused with a {@link dev.entrabridge.policy.PolicyConfigException}
 * (a {@code ConfigException} naming {@code BRIDGE_POLICY}, or the policy file) and the field
 * ({@code rules[1].caller.principalArn: '*' is only allowed as the last character …}). Refusal reasons name
 * the caller, what was asked and what the closest rule allows.
 */
package dev.entrabridge.policy;
