/**
 * The public, framework-neutral way to issue a token for an authenticated caller, used by every adapter
 * (the HTTP contract, the Lambda's Bedrock action group, the Azure Function).
 *
 * <p>{@link dev.entrabridge.issuance.TokenIssuance#issue} takes an {@link dev.entrabridge.issuance.IssueRequest}
 * ({@code IssueRequest.from(caller).agent(name).api("graph")} or {@code .scopes(…)}, {@code .onBehalfOf(userToken)}
 * or {@code .agentUser(user)}, {@code .forceRefresh(…)}, {@code .correlationId(…)}) and returns the
 * {@code AgentToken}, or throws {@link dev.entrabridge.issuance.IssuanceRefused} carrying the
 * {@code Diagnosis} whose {@code httpStatus()} the adapter answers with. In order:
 * <ol>
 *   <li>a Bedrock agent caller that names no agent acts as the agent {@code BRIDGE_BEDROCK_AGENTS} maps it to
 *       ({@link dev.entrabridge.issuance.TokenIssuance#agentFor}); unmapped → 403 {@code BRIDGE_BEDROCK_AGENT_UNMAPPED}
 *       naming the variable to set;</li>
 *   <li>the API is resolved to its configured scopes (unknown → 404 {@code BRIDGE_UNKNOWN_API});</li>
 *   <li>the caller policy decides (denied → 403 {@code POLICY_DENIED} with the policy's reason; the core is never asked);</li>
 *   <li>an agent the policy allows but that is not configured → 404 {@code BRIDGE_UNKNOWN_AGENT} (only a caller
 *       the policy grants every agent, {@code "agents":["*"]}, gets this far: every other caller naming an unknown
 *       agent got 403 {@code POLICY_DENIED} above, so which agents exist is never revealed to it);</li>
 *   <li>the agent-user flow names a user that is not one of the agent's own agent users ({@code BRIDGE_AGENTS}
 *       {@code name=appId:<oid>:<upn>}, the file's {@code agents.<name>.agentUsers}) → 403
 *       {@code BRIDGE_NOT_THE_AGENTS_USER} naming the agent and the user; Entra is never asked (it would refuse too:
 *       an agent user can be impersonated only by the agent identity that is its identity parent);</li>
 *   <li>the core obtains the token; Entra's refusal keeps its diagnosis, correlation id and {@code Retry-After}.</li>
 * </ol>
 * Exactly one audit line is written either way, and no other token is ever tried. A request an adapter
 * refuses before it becomes an {@code IssueRequest} is recorded with {@code rejected(…)}.
 */
package dev.entrabridge.issuance;
