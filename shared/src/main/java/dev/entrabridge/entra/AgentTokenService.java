package dev.entrabridge.entra;
import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Diagnosis;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.entrabridge.cache.FrontTokenCache;
import dev.entrabridge.cache.TokenCacheKey;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.credential.AssertionClaims;
import dev.entrabridge.credential.BlueprintCredential;
import dev.entrabridge.credential.BlueprintCredentials;
import dev.entrabridge.credential.ClientAssertionSource;
import dev.entrabridge.token.Diagnosis.Category;
import dev.entrabridge.http.OutboundHttpClients;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The federation core's entry point: obtains Entra Agent ID tokens for configured agents
 * (autonomous, on-behalf-of, agent user) through the blueprint's credential, with a front cache,
 * retries within a budget and a {@link Diagnosis} on every failure. Build it once per process
 * ({@link #create(BridgeConfig)}) and share it.
 */
public final class AgentTokenService implements AgentTokenProvider {

    private static final System.Logger LOG = System.getLogger(AgentTokenService.class.getName());

    private final BridgeConfig config;
    private final BlueprintCredential credential;
    private final EntraTransport transport;
    private volatile AgentIdFlows flows;
    private final FrontTokenCache cache;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * Wires the service from collaborators: tests pass a shared clock and a sleeper that advances it.
     */
    public AgentTokenService(BridgeConfig config, BlueprintCredential credential, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.credential = credential;
        this.clock = clock;
        this.sleeper = sleeper;
        this.retry = new RetryPolicy(config.retry(), clock);
        this.cache = new FrontTokenCache(config.cacheMaxEntries(), clock);
        this.transport = new EntraTransport(OutboundHttpClients.create(config.http()), config.http().readTimeout(),
                config.authorityHost(), config.http().endpointOverride(), config.blueprintClientId(), clock);
        this.flows = new AgentIdFlows(config, credential, transport, clock);
        LOG.log(Level.INFO, "event=agent_token_service_ready tenant={0} authority_host={1} blueprint={2} credential=\"{3}\" "
                        + "agents={4} endpoint_override={5}", config.tenantId(), config.authorityHost(),
                config.blueprintClientId(), credential.description(), config.agents().keySet(),
                config.http().endpointOverride().map(Object::toString).orElse("none"));
    }

    /** The production wiring: the configured credential source, the system clock, real sleeps. */
    public static AgentTokenService create(BridgeConfig config) {
        Clock clock = Clock.systemUTC();
        return new AgentTokenService(config, BlueprintCredentials.create(config, clock), clock, Sleeper.system());
    }

    public BridgeConfig config() {
        return config;
    }

    /** The blueprint credential in use (the health check reads its kind and, for certificates, expiry). */
    public BlueprintCredential credential() {
        return credential;
    }

    @Override
    public AgentToken acquire(AgentTokenRequest request) {
        long started = System.nanoTime();
        AgentDefinition agent = resolve(request);
        TokenCacheKey key = TokenCacheKey.of(config.tenantId(), config.blueprintClientId(), agent.agentIdentity(), request);
        boolean[] loaded = {false};
        try {
            AgentToken token = request.forceRefresh()
                    ? cache.refresh(key, replacing -> {
                        loaded[0] = true;
                        return exchange(agent, request, true, true);
                    })
                    : cache.get(key, replacing -> {
                        loaded[0] = true;
                        return exchange(agent, request, replacing, false);
                    });
            LOG.log(loaded[0] ? Level.INFO : Level.DEBUG,
                    "event=token_issued agent={0} agent_identity={1} flow={2} scopes=\"{3}\" source={4} expires={5} "
                            + "latency_ms={6} correlation_id={7}", agent.name(), agent.agentIdentity(), request.flow(),
                    key.scopes(), loaded[0] ? "entra" : "cache", token.expiresOn(), millis(started),
                    request.correlationId() == null ? "-" : request.correlationId());
            return token;
        } catch (AgentTokenException e) {
            LOG.log(Level.WARNING, "event=token_refused agent={0} agent_identity={1} flow={2} scopes=\"{3}\" category={4} "
                            + "code={5} entra_correlation_id={6} latency_ms={7} correlation_id={8}", agent.name(),
                    agent.agentIdentity(), request.flow(), key.scopes(), e.diagnosis().category(), e.diagnosis().code(),
                    e.correlationId().orElse("-"), millis(started),
                    request.correlationId() == null ? "-" : request.correlationId());
            throw e;
        }
    }

    /**
     * Forgets every time-bound thing: cached agent tokens, MSAL's T1/T2 caches and any reused
     * assertion. For SnapStart's {@code afterRestore}: a snapshot may be restored hours later.
     */
    public void resetTimeBoundState() {
        cache.clear();
        if (credential instanceof ClientAssertionSource) {
            ((ClientAssertionSource) credential).invalidate();
        }
        flows = new AgentIdFlows(config, credential, transport, clock);
        LOG.log(Level.INFO, "event=time_bound_state_reset");
    }

    /**
     * Mints a fresh assertion from the credential source and returns its claims (the values the
     * blueprint's FIC must hold), or empty for development credentials (secret, certificate).
     */
    public Optional<AssertionClaims> probeAssertion() {
        if (!(credential instanceof ClientAssertionSource)) {
            return Optional.empty();
        }
        ClientAssertionSource source = (ClientAssertionSource) credential;
        source.invalidate();
        return Optional.of(source.assertion().claims().orElseThrow(() -> new AgentTokenException(new Diagnosis(
                Category.CREDENTIAL, "BRIDGE_ASSERTION_NOT_JWT", "The credential source returned an assertion that is not a JWT with an exp claim.",
                "Check the credential source: Entra only accepts signed JWT assertions."))));
    }

    /**
     * Runs leg 1 and leg 2 (autonomous, for {@code scopes}) for one agent, bypassing the front cache
     * and MSAL's, with FIC-propagation retries as configured, and reports their latencies.
     *
     * @throws AgentTokenException with the diagnosis of the failing leg
     */
    public LegProbe probeLegs(String agentNameOrAppId, Set<String> scopes) {
        AgentDefinition agent = resolve(AgentTokenRequest.autonomous(agentNameOrAppId, scopes));
        return withRetries(() -> {
            long t0 = System.nanoTime();
            flows.t1(agent.agentIdentity(), true);
            Duration leg1 = Duration.ofNanos(System.nanoTime() - t0);
            long t1 = System.nanoTime();
            IAuthenticationResult r = flows.leg2(agent.agentIdentity(), scopes);
            Duration leg2 = Duration.ofNanos(System.nanoTime() - t1);
            return new LegProbe(agent.name(), agent.agentIdentity(), leg1, leg2, r.expiresOnDate().toInstant());
        }, agent.agentIdentity());
    }

    /**
     * Runs leg 1 alone for one agent, bypassing caches: for agents whose flow needs a user the
     * health check does not have.
     *
     * @return the latency of leg 1
     * @throws AgentTokenException with the diagnosis of the failure
     */
    public Duration probeLeg1(String agentNameOrAppId) {
        AgentDefinition agent = resolve(AgentTokenRequest.autonomous(agentNameOrAppId, Set.of(config.cloud().exchangeScope())));
        return withRetries(() -> {
            long t0 = System.nanoTime();
            flows.t1(agent.agentIdentity(), true);
            return Duration.ofNanos(System.nanoTime() - t0);
        }, agent.agentIdentity());
    }

    /**
     * The blueprint's own app-only access token for {@code scopes}. Only the health check uses it,
     * to read the blueprint's federated credentials from Graph; the HTTP contract never returns it.
     *
     * @throws AgentTokenException with the diagnosis of the failure
     */
    public String blueprintAccessToken(Set<String> scopes) {
        return withRetries(() -> flows.blueprintToken(scopes).accessToken(), config.blueprintClientId());
    }

    private AgentDefinition resolve(AgentTokenRequest request) {
        if (request.tenant() != null && !request.tenant().equalsIgnoreCase(config.tenantId())) {
            throw new AgentTokenException(new Diagnosis(Category.CALLER, "BRIDGE_TENANT_NOT_ALLOWED",
                    "The request asks for tenant " + request.tenant() + ", but the bridge serves only " + config.tenantId() + ".",
                    "Omit the tenant override; agent identities are served from their home tenant (ENTRA_TENANT_ID)."));
        }
        return config.agent(request.agent()).orElseThrow(() -> new AgentTokenException(new Diagnosis(Category.CALLER,
                "BRIDGE_UNKNOWN_AGENT", "No agent named or with appId '" + request.agent() + "' is configured.",
                "Use one of " + config.agents().keySet() + ", or add the agent to BRIDGE_AGENTS.")));
    }

    private AgentToken exchange(AgentDefinition agent, AgentTokenRequest request, boolean skipCache, boolean skipT1Cache) {
        return withRetries(new Attempt<>() {
            private boolean first = true;

            @Override
            public AgentToken run() {
                boolean retry = !first;
                first = false;
                return flows.run(agent, request, skipCache || retry, skipT1Cache || retry);
            }
        }, agent.agentIdentity());
    }

    private <T> T withRetries(Attempt<T> attempt, String agentAppId) {
        Instant deadline = retry.deadline();
        boolean reminted = false;
        for (int n = 1; ; n++) {
            ExchangeTrace.begin();
            try {
                return attempt.run();
            } catch (RuntimeException e) {
                ExchangeFailure failure = FailureClassifier.classify(e, ExchangeTrace.outcomes());
                if (failure.kind() == ExchangeFailure.Kind.STALE_ASSERTION && !reminted) {
                    reminted = true;
                    LOG.log(Level.INFO, "event=assertion_stale agent_identity={0} leg={1} action=remint_and_retry "
                            + "entra_correlation_id={2}", agentAppId, failure.leg(), failure.correlationId());
                    if (credential instanceof ClientAssertionSource) {
                        ((ClientAssertionSource) credential).invalidate();
                    }
                    flows.refreshT1Next(agentAppId);
                    continue;
                }
                Duration delay = retry.delayAfter(failure, n, deadline);
                if (delay == null) {
                    throw failure.toException();
                }
                LOG.log(Level.INFO, "event=exchange_retry agent_identity={0} attempt={1} code={2} delay_ms={3}",
                        agentAppId, n, failure.diagnosis().code(), delay.toMillis());
                sleep(delay, failure);
            } finally {
                ExchangeTrace.end();
            }
        }
    }

    private void sleep(Duration delay, ExchangeFailure failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.toException();
        }
    }

    private static long millis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** One try of an exchange. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run();
    }
}
