package dev.entrabridge.issuance;

import dev.entrabridge.inbound.Caller;
import dev.entrabridge.token.AgentUser;
import dev.entrabridge.token.Flow;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One token an adapter asks for on behalf of an authenticated caller: which agent, for which
 * configured API (or raw scopes), by which flow. Framework-neutral: the HTTP contract, the Lambda's
 * Bedrock action group and the Azure Function build the same record. {@link #toString()} never
 * shows the user assertion.
 *
 * @param caller        who asks, as the adapter authenticated it
 * @param agent         configured agent name or agent identity appId; {@code null} for a Bedrock agent
 *                      caller, whose agent comes from {@code BRIDGE_BEDROCK_AGENTS}
 * @param api           a configured API name, or {@code null} when {@code scopes} are given directly
 * @param scopes        the scopes to request; empty for the API's configured scopes
 * @param flow          the flow to run
 * @param userAssertion the user's token for {@link Flow#ON_BEHALF_OF}, else {@code null}
 * @param agentUser     the agent user for {@link Flow#AGENT_USER}, else {@code null}
 * @param forceRefresh  bypass the caches
 * @param tenant        a tenant override (only the configured tenant is served), else {@code null}
 * @param correlationId the correlation id to log and send to Entra, else {@code null}
 * @param claims        a claims challenge (JSON) to send to Entra, else {@code null}; it bypasses the caches
 */
public record IssueRequest(Caller caller, String agent, String api, Set<String> scopes, Flow flow,
                           String userAssertion, AgentUser agentUser, boolean forceRefresh, String tenant,
                           String correlationId, String claims) {

    public IssueRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(flow, "flow");
        scopes = scopes == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        if (api == null && scopes.isEmpty()) {
            throw new IllegalArgumentException("name a configured API or at least one scope");
        }
        if ((flow == Flow.ON_BEHALF_OF) != (userAssertion != null)) {
            throw new IllegalArgumentException("a user assertion is required for, and only for, on-behalf-of");
        }
        if ((flow == Flow.AGENT_USER) != (agentUser != null)) {
            throw new IllegalArgumentException("an agent user is required for, and only for, the agent-user flow");
        }
    }

    /** A request without a claims challenge. */
    public IssueRequest(Caller caller, String agent, String api, Set<String> scopes, Flow flow, String userAssertion,
                        AgentUser agentUser, boolean forceRefresh, String tenant, String correlationId) {
        this(caller, agent, api, scopes, flow, userAssertion, agentUser, forceRefresh, tenant, correlationId, null);
    }

    /** Starts a request from {@code caller}; the flow is autonomous unless a user is named. */
    public static Builder from(Caller caller) {
        return new Builder(caller);
    }

    /** The agent the caller named, if it named one. */
    public Optional<String> agentName() {
        return Optional.ofNullable(agent);
    }

    public IssueRequest withCorrelationId(String id) {
        return new IssueRequest(caller, agent, api, scopes, flow, userAssertion, agentUser, forceRefresh, tenant, id, claims);
    }

    @Override
    public String toString() {
        return "IssueRequest[caller=" + caller.describe() + ", agent=" + agent + ", api=" + api + ", scopes=" + scopes
                + ", flow=" + flow + ", userAssertion=" + (userAssertion == null ? "none" : "<redacted>")
                + ", agentUser=" + (agentUser == null ? "none" : agentUser.key()) + ", forceRefresh=" + forceRefresh
                + ", tenant=" + tenant + ", correlationId=" + correlationId + ", claims=" + (claims == null ? "none" : "given") + "]";
    }

    /** Builds an {@link IssueRequest}; {@link #onBehalfOf} and {@link #agentUser} choose their flows. */
    public static final class Builder {
        private final Caller caller;
        private String agent;
        private String api;
        private Set<String> scopes = Set.of();
        private Flow flow = Flow.AUTONOMOUS;
        private String userAssertion;
        private AgentUser agentUser;
        private boolean forceRefresh;
        private String tenant;
        private String correlationId;
        private String claims;

        private Builder(Caller caller) {
            this.caller = Objects.requireNonNull(caller, "caller");
        }

        public Builder agent(String value) {
            agent = value;
            return this;
        }

        public Builder api(String value) {
            api = value;
            return this;
        }

        public Builder scopes(Set<String> value) {
            scopes = value;
            return this;
        }

        /** An app-only token for the agent identity (the default). */
        public Builder autonomous() {
            flow = Flow.AUTONOMOUS;
            userAssertion = null;
            agentUser = null;
            return this;
        }

        /** On behalf of the user whose token (aimed at the blueprint) is {@code assertion}. */
        public Builder onBehalfOf(String assertion) {
            flow = Flow.ON_BEHALF_OF;
            userAssertion = Objects.requireNonNull(assertion, "assertion");
            agentUser = null;
            return this;
        }

        /** As the agent's own user account. */
        public Builder agentUser(AgentUser user) {
            flow = Flow.AGENT_USER;
            agentUser = Objects.requireNonNull(user, "user");
            userAssertion = null;
            return this;
        }

        public Builder forceRefresh(boolean value) {
            forceRefresh = value;
            return this;
        }

        public Builder tenant(String value) {
            tenant = value;
            return this;
        }

        public Builder correlationId(String value) {
            correlationId = value;
            return this;
        }

        /** A claims challenge (JSON) the API asked for; the token is then fetched anew. */
        public Builder claims(String value) {
            claims = value;
            return this;
        }

        public IssueRequest build() {
            return new IssueRequest(caller, agent, api, scopes, flow, userAssertion, agentUser, forceRefresh, tenant,
                    correlationId, claims);
        }
    }
}
