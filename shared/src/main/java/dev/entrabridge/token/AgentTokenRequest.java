package dev.entrabridge.token;

import java.util.Objects;
import java.util.Set;

/**
 * What a caller asks the core for: which configured agent, which flow, which scopes.
 *
 * @param agent         configured agent name or agent identity appId
 * @param flow          the flow to run
 * @param scopes        resource scopes, e.g. {@code https://graph.microsoft.com/.default}
 * @param userAssertion the user's token for {@link Flow#ON_BEHALF_OF} (its {@code aud} is the blueprint), else {@code null}
 * @param agentUser     the agent user for {@link Flow#AGENT_USER}, else {@code null}
 * @param forceRefresh  bypass the front cache and MSAL's cache
 * @param tenant        tenant override (must be allowed by configuration), else {@code null}
 * @param correlationId caller-supplied correlation id sent to Entra, else {@code null}
 */
public record AgentTokenRequest(String agent, Flow flow, Set<String> scopes, String userAssertion,
                                AgentUser agentUser, boolean forceRefresh, String tenant, String correlationId) {

    public AgentTokenRequest {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(flow, "flow");
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
        return new AgentTokenRequest(agent, flow, scopes, userAssertion, agentUser, force, tenant, correlationId);
    }

    public AgentTokenRequest withCorrelationId(String id) {
        return new AgentTokenRequest(agent, flow, scopes, userAssertion, agentUser, forceRefresh, tenant, id);
    }

    @Override
    public String toString() {
        return "AgentTokenRequest[agent=" + agent + ", flow=" + flow + ", scopes=" + scopes
                + ", userAssertion=" + (userAssertion == null ? "none" : "<redacted>")
                + ", agentUser=" + (agentUser == null ? "none" : agentUser.key())
                + ", forceRefresh=" + forceRefresh + ", tenant=" + tenant + ", correlationId=" + correlationId + "]";
    }
}
