package dev.entrabridge.token;

import java.util.Objects;
import java.util.Set;

/**
 * What a caller asks the core for: which configured agent, which flow, which scopes.
 *
 * @param agent         configured agent name or agent identity appId; {@code null} for the blueprint's own
 *                      token (autonomous or on-behalf-of only), which the caller policy must have granted
 * @param flow          the flow to run
 * @param scopes        resource scopes, e.g. {@code https://graph.microsoft.com/.default}
 * @param userAssertion the user's token for {@link Flow#ON_BEHALF_OF} (its {@code aud} is the blueprint), else {@code null}
 * @param agentUser     the agent user for {@link Flow#AGENT_USER}, else {@code null}
 * @param forceRefresh  bypass the front cache and MSAL's cache
 * @param tenant        tenant override (must be allowed by configuration), else {@code null}
 * @param correlationId caller-supplied correlation id sent to Entra, else {@code null}
 * @param claims        a claims challenge (JSON) sent to Entra, else {@code null}; it bypasses the caches
 */
public record AgentTokenRequest(String agent, Flow flow, Set<String> scopes, String userAssertion,
                                AgentUser agentUser, boolean forceRefresh, String tenant, String correlationId,
                                String claims) {

    public AgentTokenRequest {
        Objects.requireNonNull(flow, "flow");
        if (agent == null && flow == Flow.AGENT_USER) {
            throw new IllegalArgumentException("an agent user token needs its agent");
        }
        scopes = Set.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("at least one scope is required");
        }
        if ((flow == Flow.ON_BEHALF_OF) != (userAssertion != null)) {
            throw new IllegalArgumentException("a user assertion is required for, and only for, on-behalf-of");
        }
        if ((flow == Flow.AGENT_USER) != (agentUser != null)) {
            throw new IllegalArgumentException("an agent user is required for, and only for, the agent-user flow");
        }
    }

    /** A request without a claims challenge. */
    public AgentTokenRequest(String agent, Flow flow, Set<String> scopes, String userAssertion, AgentUser agentUser,
                             boolean forceRefresh, String tenant, String correlationId) {
        this(agent, flow, scopes, userAssertion, agentUser, forceRefresh, tenant, correlationId, null);
    }

    /** Whether this is the blueprint's own token rather than an agent identity's. */
    public boolean forBlueprint() {
        return agent == null;
    }

    /** An autonomous (app-only) request. */
    public static AgentTokenRequest autonomous(String agent, Set<String> scopes) {
        return new AgentTokenRequest(agent, Flow.AUTONOMOUS, scopes, null, null, false, null, null);
    }

    public static AgentTokenRequest onBehalfOf(String agent, Set<String> scopes, String userAssertion) {
        return new AgentTokenRequest(agent, Flow.ON_BEHALF_OF, scopes, userAssertion, null, false, null, null);
    }

    public static AgentTokenRequest agentUser(String agent, Set<String> scopes, AgentUser user) {
        return new AgentTokenRequest(agent, Flow.AGENT_USER, scopes, null, user, false, null, null);
    }

    public AgentTokenRequest withForceRefresh(boolean force) {
        return new AgentTokenRequest(agent, flow, scopes, userAssertion, agentUser, force, tenant, correlationId, claims);
    }

    public AgentTokenRequest withCorrelationId(String id) {
        return new AgentTokenRequest(agent, flow, scopes, userAssertion, agentUser, forceRefresh, tenant, id, claims);
    }

    @Override
    public String toString() {
        return "AgentTokenRequest[agent=" + agent + ", flow=" + flow + ", scopes=" + scopes
                + ", userAssertion=" + (userAssertion == null ? "none" : "<redacted>")
                + ", agentUser=" + (agentUser == null ? "none" : agentUser.key())
                + ", forceRefresh=" + forceRefresh + ", tenant=" + tenant + ", correlationId=" + correlationId
                + ", claims=" + (claims == null ? "none" : "given") + "]";
    }
}
