package dev.entrabridge.endpoint;

import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.policy.PolicyDecision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Policy first, then the core, and one audit line either way: the only path by which any route
 * obtains a token. A denied request never reaches Entra and never falls back to another token.
 */
final class TokenIssuance {

    private final AgentTokenProvider tokens;
    private final CallerPolicy policy;
    private final AgentDirectory agents;
    private final TokenAudit audit;
    private final Clock clock;

    TokenIssuance(AgentTokenProvider tokens, CallerPolicy policy, AgentDirectory agents, TokenAudit audit, Clock clock) {
        this.tokens = tokens;
        this.policy = policy;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
    }

    AgentToken issue(TokenAsk ask) {
        Instant start = clock.instant();
        AgentTokenRequest request = ask.request();
        Optional<AgentDefinition> agent = agents.find(request.agent());
        String agentName = agent.map(AgentDefinition::name).orElse(request.agent());
        PolicyDecision decision = policy.decide(ask.caller(), agentName, ask.api(), request.flow(), request.scopes());
        if (!decision.allowed()) {
            audit.refused(ask, agentName, decision.code(), decision.rule().orElse(null), request.correlationId(),
                    latency(start), decision.reason());
            throw RequestRefused.forbidden(decision.code(), "Refused by the caller policy: " + decision.reason() + ".",
                    "Ask the operator to add a policy rule allowing " + ask.caller().describe()
                            + " to use agent '" + agentName + "' for this API and flow.").audited();
        }
        if (agent.isEmpty()) {
            audit.refused(ask, agentName, "BRIDGE_UNKNOWN_AGENT", decision.rule().orElse(null), request.correlationId(),
                    latency(start), "no such agent is configured");
            throw RequestRefused.of(404, "BRIDGE_UNKNOWN_AGENT",
                    "No configured agent is named or has the appId '" + QueryParameters.printable(request.agent()) + "'.",
                    "Use a configured agent name or agent identity appId, or ask the operator to configure the agent.")
                    .audited();
        }
        AgentTokenRequest resolved = new AgentTokenRequest(agent.get().name(), request.flow(), request.scopes(),
                request.userAssertion(), request.agentUser(), request.forceRefresh(), request.tenant(), request.correlationId());
        try {
            AgentToken token = tokens.acquire(resolved);
            audit.issued(ask, agentName, token, decision.rule().orElse(null), request.correlationId(), latency(start));
            return token;
        } catch (AgentTokenException e) {
            audit.refused(ask, agentName, e.diagnosis().code(), decision.rule().orElse(null),
                    e.correlationId().orElse(request.correlationId()),
                    latency(start), e.diagnosis().cause());
            throw Problems.refusal(e).audited();
        }
    }

    private Duration latency(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
