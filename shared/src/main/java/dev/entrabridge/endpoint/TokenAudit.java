package dev.entrabridge.endpoint;

import dev.entrabridge.audit.AuditEvent;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;

import java.time.Duration;

/** Writes the endpoint's audit lines: one per token issued or refused, never the token itself. */
final class TokenAudit {

    private final AuditLog log;
    private final String blueprint;
    private final AgentDirectory agents;

    TokenAudit(AuditLog log, String blueprint, AgentDirectory agents) {
        this.log = log;
        this.blueprint = blueprint;
        this.agents = agents;
    }

    void issued(TokenAsk ask, String agentName, AgentToken token, String rule, String correlationId, Duration latency) {
        log.record(fill(AuditEvent.issued(), ask, agentName, correlationId, latency).rule(rule)
                .agent(agentName, token.agentIdentity()).build());
    }

    void refused(TokenAsk ask, String agentName, String code, String rule, String correlationId, Duration latency,
                 String reason) {
        log.record(fill(AuditEvent.refused(code, reason), ask, agentName, correlationId, latency).rule(rule).build());
    }

    /** A request refused before it became a token request (bad input, unauthenticated …). */
    void rejected(BridgeRequest request, String api, RequestRefused refused, String correlationId,
                  Duration latency) {
        log.record(AuditEvent.refused(refused.code(), refused.detail())
                .caller(request.caller())
                .blueprint(blueprint)
                .api(api, null)
                .correlationId(correlationId)
                .latency(latency)
                .build());
    }

    private AuditEvent.Builder fill(AuditEvent.Builder b, TokenAsk ask, String agentName, String correlationId,
                                    Duration latency) {
        AgentTokenRequest request = ask.request();
        return b.caller(ask.caller())
                .agent(agentName, agents.find(agentName).map(a -> a.agentIdentity()).orElse(null))
                .blueprint(blueprint)
                .flow(request.flow())
                .api(ask.api(), request.scopes())
                .correlationId(correlationId)
                .latency(latency);
    }
}
