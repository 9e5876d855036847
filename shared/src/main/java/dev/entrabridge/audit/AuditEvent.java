package dev.entrabridge.audit;

import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One token decision for the audit log: who asked, for which agent, flow and API/scopes, and what
 * happened. Holds no token; {@link AuditLog} stamps the time.
 *
 * @param outcome       issued or refused
 * @param caller        the authenticated caller, or {@code null} when authentication itself failed
 * @param agentName     the configured agent name asked for, or {@code null}
 * @param agentIdentity the agent identity appId, or {@code null} when unknown
 * @param blueprint     the blueprint appId, or {@code null}
 * @param flow          the flow, or {@code null} when refused before one was chosen
 * @param api           the downstream API name, or {@code null}
 * @param scopes        the scopes requested
 * @param diagnosisCode e.g. {@code POLICY_DENIED}, {@code AADSTS70021}, {@code CALLER_TOKEN_EXPIRED}; {@code null} when issued
 * @param reason        one sentence (the policy's reason or the diagnosis' cause), or {@code null}
 * @param rule          the policy rule that decided, or {@code null}
 * @param correlationId the Entra correlation id, or {@code null}
 * @param latency       how long the request took
 */
public record AuditEvent(Outcome outcome, Caller caller, String agentName, String agentIdentity, String blueprint,
                         Flow flow, String api, Set<String> scopes, String diagnosisCode, String reason, String rule,
                         String correlationId, Duration latency) {

    /** What happened to the token request. */
    public enum Outcome {
        ISSUED, REFUSED
    }

    public AuditEvent {
        Objects.requireNonNull(outcome, "outcome");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        latency = latency == null ? Duration.ZERO : latency;
    }

    public static Builder issued() {
        return new Builder(Outcome.ISSUED);
    }

    public static Builder refused(String diagnosisCode, String reason) {
        Builder b = new Builder(Outcome.REFUSED);
        b.diagnosisCode = Objects.requireNonNull(diagnosisCode, "diagnosisCode");
        b.reason = reason;
        return b;
    }

    /** Fills an {@link AuditEvent} field by field; unset fields are {@code null}. */
    public static final class Builder {
        private final Outcome outcome;
        private Caller caller;
        private String agentName;
        private String agentIdentity;
        private String blueprint;
        private Flow flow;
        private String api;
        private Set<String> scopes = Set.of();
        private String diagnosisCode;
        private String reason;
        private String rule;
        private String correlationId;
        private Duration latency = Duration.ZERO;

        private Builder(Outcome outcome) {
            this.outcome = outcome;
        }

        public Builder caller(Caller value) {
            caller = value;
            return this;
        }

        public Builder agent(String name, String identity) {
            agentName = name;
            agentIdentity = identity;
            return this;
        }

        public Builder blueprint(String value) {
            blueprint = value;
            return this;
        }

        public Builder flow(Flow value) {
            flow = value;
            return this;
        }

        public Builder api(String name, Set<String> requestedScopes) {
            api = name;
            scopes = requestedScopes == null ? Set.of() : requestedScopes;
            return this;
        }

        public Builder rule(String value) {
            rule = value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder correlationId(String value) {
            correlationId = value;
            return this;
        }

        public Builder latency(Duration value) {
            latency = value;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(outcome, caller, agentName, agentIdentity, blueprint, flow, api, scopes,
                    diagnosisCode, reason, rule, correlationId, latency);
        }
    }
}
