package dev.entrabridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.audit.AuditEvent;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.BedrockAgents;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.policy.PolicyDecision;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one way any adapter obtains a token for a caller: the API resolved, then the caller policy,
 * then the core; exactly one audit line either way, and never a fallback token. A refusal is an
 * {@link IssuanceRefused} carrying its {@link Diagnosis}. Framework-neutral and thread-safe; the
 * runtime builds one per process.
 */
public final class TokenIssuance {

    private final AgentTokenProvider tokens;
    private final CallerPolicy policy;
    private final Map<String, AgentDefinition> byName = new LinkedHashMap<>();
    private final Map<String, AgentDefinition> byAppId = new LinkedHashMap<>();
    private final BedrockAgents bedrock;
    private final Map<String, DownstreamApi> apis;
    private final AuditLog audit;
    private final String blueprint;
    private final Clock clock;

    private TokenIssuance(Builder b) {
        this.tokens = Objects.requireNonNull(b.tokens, "tokens: the AgentTokenProvider of the core");
        this.policy = Objects.requireNonNull(b.policy, "policy: a CallerPolicy (CallerPolicy.denyAll() refuses everything)");
        this.audit = Objects.requireNonNull(b.audit, "audit: an AuditLog");
        this.clock = b.clock;
        this.blueprint = b.blueprint;
        for (AgentDefinition agent : b.agents) {
            byName.put(agent.name(), agent);
            byAppId.put(agent.agentIdentity().toLowerCase(Locale.ROOT), agent);
        }
        this.bedrock = new BedrockAgents(b.agents);
        Map<String, DownstreamApi> named = new TreeMap<>();
        for (DownstreamApi api : b.apis) {
            if (named.put(api.name(), api) != null) {
                throw new IllegalArgumentException("downstream API '" + api.name() + "' is configured twice");
            }
        }
        this.apis = Map.copyOf(named);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The issuance of a configured deployment: its agents (and their Bedrock agents), APIs and
     * blueprint, and the caller policy of {@code BRIDGE_POLICY} (deny-all when none is set).
     *
     * @throws dev.entrabridge.policy.PolicyConfigException naming {@code BRIDGE_POLICY} when the policy is invalid
     */
    public static TokenIssuance fromConfig(BridgeConfig config, AgentTokenProvider tokens, AuditLog audit, Clock clock) {
        return builder().tokens(tokens).policy(policy(config)).agents(config.agents().values())
                .apis(config.apis().values()).blueprint(config.blueprintClientId()).audit(audit).clock(clock).build();
    }

    /** Whether a caller policy is configured; without one every request is refused (default deny). */
    public static boolean hasPolicy(BridgeConfig config) {
        JsonNode node = config.policy();
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    private static CallerPolicy policy(BridgeConfig config) {
        return hasPolicy(config) ? CallerPolicy.fromJson(config.policy().toString()) : CallerPolicy.denyAll();
    }

    /**
     * Issues the token {@code request} asks for, or refuses.
     *
     * @throws IssuanceRefused with the diagnosis (and its HTTP status) of the refusal; already audited
     */
    public AgentToken issue(IssueRequest request) {
        Instant start = clock.instant();
        Caller caller = request.caller();
        String agentName = request.agent();
        if (agentName == null && caller.kind() == Caller.Kind.BEDROCK_AGENT) {
            Optional<AgentDefinition> mapped = agentFor(caller);
            if (mapped.isEmpty()) {
                throw refuse(request, null, null, start, new Diagnosis(Category.DENIED, "BRIDGE_BEDROCK_AGENT_UNMAPPED",
                        "No configured agent is mapped to " + caller.describe() + ".",
                        "Set BRIDGE_BEDROCK_AGENTS=<agent name>=" + caller.agentId()
                                + " (or the agent's bedrockAgents in the configuration file) to choose which agent identity it acts as."),
                        "no agent is mapped to this Bedrock agent", null, null, null);
            }
            agentName = mapped.get().name();
        }
        Optional<AgentDefinition> agent = agentName == null ? Optional.empty() : find(agentName);
        String name = agent.map(AgentDefinition::name).orElse(agentName);
        DownstreamApi api = null;
        if (request.api() != null) {
            api = apis.get(request.api());
            if (api == null) {
                throw refuse(request, name, null, start, new Diagnosis(Category.NOT_FOUND, "BRIDGE_UNKNOWN_API",
                        "No downstream API named '" + printable(request.api()) + "' is configured; configured: "
                                + (apis.isEmpty() ? "none" : String.join(", ", apis.keySet())) + ".",
                        "Use one of the configured API names, or ask the operator to configure it."),
                        "no such API is configured", null, null, null);
            }
        }
        Set<String> scopes = request.scopes().isEmpty() ? new java.util.LinkedHashSet<>(api.scopes()) : request.scopes();
        if (scopes.isEmpty()) {
            throw refuse(request, name, scopes, start, new Diagnosis(Category.CALLER, "BRIDGE_NO_SCOPES",
                    "No scope is requested.", "List at least one scope, or name an API that has scopes configured."),
                    "no scope is requested", null, null, null);
        }
        boolean blueprint = name == null;
        PolicyDecision decision = policy.decide(caller, name, request.api(), request.flow(), scopes);
        String rule = decision.rule().orElse(null);
        if (!decision.allowed()) {
            throw refuse(request, name, scopes, start, new Diagnosis(Category.DENIED, decision.code(),
                    "Refused by the caller policy: " + decision.reason() + ".",
                    blueprint ? decision.remedy().orElseThrow()
                            : "Ask the operator to add a policy rule allowing " + caller.describe() + " to use agent '"
                            + name + "' for this API and flow."), decision.reason(), rule, null, null);
        }
        if (agent.isEmpty() && !blueprint) {
            throw refuse(request, name, scopes, start, new Diagnosis(Category.NOT_FOUND, "BRIDGE_UNKNOWN_AGENT",
                    "No configured agent is named or has the appId '" + printable(name) + "'.",
                    "Use a configured agent name or agent identity appId, or ask the operator to configure the agent."),
                    "no such agent is configured", rule, null, null);
        }
        AgentTokenRequest core = new AgentTokenRequest(name, request.flow(), scopes, request.userAssertion(),
                request.agentUser(), request.forceRefresh(), request.tenant(), request.correlationId(), request.claims());
        AgentToken token;
        try {
            token = tokens.acquire(core);
        } catch (AgentTokenException e) {
            throw refuse(request, name, scopes, start, e.diagnosis(), e.diagnosis().cause(), rule,
                    e.correlationId().orElse(request.correlationId()), e);
        }
        audit.record(event(AuditEvent.issued(), request, name, scopes, start).rule(rule)
                .agent(name, blueprint ? null : token.agentIdentity()).build());
        return token;
    }

    /**
     * The configured agent a caller acts as without naming one: for a Bedrock agent, the agent whose
     * Bedrock agents include its id (and alias); empty for other callers or an unmapped Bedrock agent.
     */
    public Optional<AgentDefinition> agentFor(Caller caller) {
        if (caller.kind() != Caller.Kind.BEDROCK_AGENT) {
            return Optional.empty();
        }
        return bedrock.find(caller.agentId(), caller.agentAlias());
    }

    /** A configured API by name. */
    public Optional<DownstreamApi> api(String name) {
        return Optional.ofNullable(apis.get(name));
    }

    /** The configured APIs. */
    public Collection<DownstreamApi> apis() {
        return apis.values();
    }

    /**
     * Records a request an adapter refused before it became an {@link IssueRequest} (bad input, an
     * unauthenticated caller), so such a request too leaves exactly one audit line.
     *
     * @param caller the caller if it was authenticated, else {@code null}
     * @param api    the API it named, if any
     */
    public void rejected(Caller caller, String api, String code, String reason, String correlationId, Duration latency) {
        audit.record(AuditEvent.refused(code, reason).caller(caller).blueprint(blueprint).api(api, null)
                .correlationId(correlationId).latency(latency).build());
    }

    private Optional<AgentDefinition> find(String nameOrAppId) {
        AgentDefinition named = byName.get(nameOrAppId);
        return named != null ? Optional.of(named)
                : Optional.ofNullable(byAppId.get(nameOrAppId.toLowerCase(Locale.ROOT)));
    }

    private IssuanceRefused refuse(IssueRequest request, String agentName, Set<String> scopes, Instant start,
                                   Diagnosis diagnosis, String reason, String rule, String correlationId,
                                   AgentTokenException cause) {
        audit.record(event(AuditEvent.refused(diagnosis.code(), reason), request, agentName, scopes, start)
                .rule(rule).correlationId(correlationId != null ? correlationId : request.correlationId()).build());
        return cause == null ? new IssuanceRefused(diagnosis, null, null, null)
                : new IssuanceRefused(diagnosis, cause.correlationId().orElse(null), cause.retryAfter().orElse(null), cause);
    }

    private AuditEvent.Builder event(AuditEvent.Builder b, IssueRequest request, String agentName, Set<String> scopes,
                                     Instant start) {
        return b.caller(request.caller())
                .agent(agentName, agentName == null ? null : find(agentName).map(AgentDefinition::agentIdentity).orElse(null))
                .blueprint(blueprint)
                .flow(request.flow())
                .api(request.api(), scopes == null ? request.scopes() : scopes)
                .correlationId(request.correlationId())
                .latency(Duration.between(start, clock.instant()));
    }

    /** Shortens and strips what a refusal echoes back, so a refusal can never carry a long secret. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    /** Wires the issuance once per process; the token provider, policy and audit log are required. */
    public static final class Builder {
        private AgentTokenProvider tokens;
        private CallerPolicy policy;
        private AuditLog audit;
        private Collection<AgentDefinition> agents = List.of();
        private Collection<DownstreamApi> apis = List.of();
        private String blueprint;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder tokens(AgentTokenProvider value) {
            tokens = value;
            return this;
        }

        public Builder policy(CallerPolicy value) {
            policy = value;
            return this;
        }

        public Builder audit(AuditLog value) {
            audit = value;
            return this;
        }

        public Builder agents(Collection<AgentDefinition> value) {
            agents = List.copyOf(value);
            return this;
        }

        public Builder apis(Collection<DownstreamApi> value) {
            apis = List.copyOf(value);
            return this;
        }

        /** The blueprint appId, for the audit log. */
        public Builder blueprint(String value) {
            blueprint = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public TokenIssuance build() {
            return new TokenIssuance(this);
        }
    }
}
