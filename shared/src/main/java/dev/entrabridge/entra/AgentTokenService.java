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
import dev.entrabridge.credential.ClientAssertion;
import dev.entrabridge.http.MsalTransport;
import dev.entrabridge.retry.RetryListener;
import dev.entrabridge.retry.RetryLoop;
import dev.entrabridge.retry.RetryPolicy;
import dev.entrabridge.token.Diagnosis.Category;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The federation core's entry point: obtains Entra Agent ID tokens for configured agents
 * (autonomous, on-behalf-of, agent user) through the blueprint's credential, with a front cache,
 * retries within a budget and a {@link Diagnosis} on every failure. One per process, built by the
 * runtime on its one credential and HTTP client, and shared.
 */
public final class AgentTokenService implements AgentTokenProvider {

    private static final System.Logger LOG = System.getLogger(AgentTokenService.class.getName());

    private final BridgeConfig config;
    private final BlueprintCredential credential;
    private final MsalTransport transport;
    private volatile AgentIdFlows flows;
    private final FrontTokenCache cache;
    private final RetryLoop requests;
    private final RetryLoop probes;
    private final Clock clock;

    /**
     * @param http    the runtime's outbound JDK client (redirects off, the configured CA bundle)
     * @param clock   time for the cache, MSAL's results and the retry budget (tests pass a shared one)
     * @param sleeper waits between retries (tests pass one that advances their clock)
     */
    public AgentTokenService(BridgeConfig config, BlueprintCredential credential, HttpClient http, Clock clock,
                             Sleeper sleeper) {
        this.config = config;
        this.credential = credential;
        this.clock = clock;
        this.requests = new RetryLoop(RetryPolicy.of(config.retry()), clock, sleeper);
        // The health check retries probes itself (and reports what it retried): one try each here.
        this.probes = new RetryLoop(RetryPolicy.singleAttempt(config.retry().budget()), clock, sleeper);
        this.cache = new FrontTokenCache(config.cacheMaxEntries(), clock);
        this.transport = new MsalTransport(http, config.http().readTimeout())
                .routing(config.authorityHost(), config.http().endpointOverride())
                .observedBy(new TokenEndpointObserver(config.blueprintClientId(), clock));
        this.flows = new AgentIdFlows(config, credential, transport, clock);
        LOG.log(Level.INFO, "event=agent_token_service_ready tenant={0} authority_host={1} blueprint={2} credential=\"{3}\" "
                        + "agents={4} endpoint_override={5}", config.tenantId(), config.authorityHost(),
                config.blueprintClientId(), credential.description(), config.agents().keySet(),
                config.http().endpointOverride().map(Object::toString).orElse("none"));
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
        AgentDefinition agent = request.forBlueprint() ? blueprintAsSubject(request) : resolve(request);
        TokenCacheKey key = TokenCacheKey.of(config.tenantId(), config.blueprintClientId(), agent.agentIdentity(), request);
        boolean[] loaded = {false};
        try {
            // A claims challenge asks for a token the cached one is not: fetch anew (MSAL skips its cache too).
            AgentToken token = request.forceRefresh() || request.claims() != null
                    ? cache.refresh(key, replacing -> {
                        loaded[0] = true;
                        return exchange(agent, request, true, true);
                    })
                    : cache.get(key, replacing -> {
                        loaded[0] = true;
                        return exchange(agent, request, replacing, false);
                    });
            Level level = loaded[0] ? Level.INFO : Level.DEBUG;
            // A cache hit is the hot path: its DEBUG line costs nothing (no arguments boxed, no array) unless enabled.
            if (LOG.isLoggable(level)) {
                LOG.log(level, "event=token_issued agent={0} agent_identity={1} flow={2} scopes=\"{3}\" source={4} "
                                + "expires={5} latency_ms={6} correlation_id={7}", agent.name(), agent.agentIdentity(),
                        request.flow(), key.scopes(), loaded[0] ? "entra" : "cache", token.expiresOn(), millis(started),
                        request.correlationId() == null ? "-" : request.correlationId());
            }
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
        credential.invalidate();
        flows = new AgentIdFlows(config, credential, transport, clock);
        LOG.log(Level.INFO, "event=time_bound_state_reset");
    }

    /**
     * Mints a fresh assertion from the credential source and returns its claims (the values the
     * blueprint's FIC must hold), or empty for development credentials (secret, certificate).
     */
    public Optional<AssertionClaims> probeAssertion() {
        return credential.freshAssertion().map(AgentTokenService::claims);
    }

    /**
     * A newly minted assertion's value, or empty for development credentials: for the health check,
     * which reads its header and claims and drops it. Never logged or returned to a caller.
     */
    public Optional<String> probeAssertionValue() {
        return credential.freshAssertion().map(ClientAssertion::value);
    }

    private static AssertionClaims claims(ClientAssertion assertion) {
        return assertion.claims().orElseThrow(() -> new AgentTokenException(new Diagnosis(Category.CREDENTIAL,
                "BRIDGE_ASSERTION_NOT_JWT", "The credential source returned an assertion that is not a JWT with an exp claim.",
                "Check the credential source: Entra only accepts signed JWT assertions.")));
    }

    /**
     * Runs leg 1 and leg 2 (autonomous, for {@code scopes}) for one agent, bypassing the front cache
     * and MSAL's, in one try (a stale assertion is still re-minted once), and reports their latencies.
     *
     * @throws AgentTokenException with the diagnosis of the failing leg
     */
    public LegProbe probeLegs(String agentNameOrAppId, Set<String> scopes) {
        AgentDefinition agent = resolve(AgentTokenRequest.autonomous(agentNameOrAppId, scopes));
        return withRetries(probes, () -> {
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
        return withRetries(probes, () -> {
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
        return withRetries(probes, () -> flows.blueprintToken(scopes).accessToken(), config.blueprintClientId());
    }

    /** The blueprint in the place of an agent, for its cache key, retries and log lines. */
    private AgentDefinition blueprintAsSubject(AgentTokenRequest request) {
        checkTenant(request);
        return new AgentDefinition("(blueprint)", config.blueprintClientId(), Optional.empty());
    }

    private AgentDefinition resolve(AgentTokenRequest request) {
        checkTenant(request);
        return config.agent(request.agent()).orElseThrow(() -> new AgentTokenException(new Diagnosis(Category.NOT_FOUND,
                "BRIDGE_UNKNOWN_AGENT", "No agent named or with appId '" + request.agent() + "' is configured.",
                "Use one of " + config.agents().keySet() + ", or add the agent to BRIDGE_AGENTS.")));
    }

    /** Like Entra for a tenant the blueprint is not in, a tenant override other than ours is a 401. */
    private void checkTenant(AgentTokenRequest request) {
        if (request.tenant() != null && !request.tenant().equalsIgnoreCase(config.tenantId())) {
            throw new AgentTokenException(new Diagnosis(Category.CONFIGURATION, "BRIDGE_TENANT_NOT_ALLOWED",
                    "The request asks for tenant " + request.tenant() + ", but the bridge serves only " + config.tenantId() + ".",
                    "Omit the tenant override; agent identities are served from their home tenant (ENTRA_TENANT_ID)."));
        }
    }

    private AgentToken exchange(AgentDefinition agent, AgentTokenRequest request, boolean skipCache, boolean skipT1Cache) {
        boolean[] first = {true};
        return withRetries(requests, () -> {
            boolean retry = !first[0];
            first[0] = false;
            return request.forBlueprint() ? flows.runAsBlueprint(request, skipCache || retry)
                    : flows.run(agent, request, skipCache || retry, skipT1Cache || retry);
        }, agent.agentIdentity());
    }

    /**
     * One exchange through {@code loop}. Each try's HTTP outcomes are traced on this thread (MSAL runs
     * on it) and classified right after the try fails, before the next one starts a new trace.
     */
    private <T> T withRetries(RetryLoop loop, Supplier<T> attempt, String agentAppId) {
        try {
            return loop.run(() -> {
                ExchangeTrace.begin();
                return attempt.get();
            }, e -> FailureClassifier.classify(e, ExchangeTrace.outcomes()), new RetryListener<ExchangeFailure>() {
                @Override
                public void retrying(ExchangeFailure failure, int attempt, Duration delay) {
                    LOG.log(Level.INFO, "event=exchange_retry agent_identity={0} attempt={1} code={2} delay_ms={3}",
                            agentAppId, attempt, failure.diagnosis().code(), delay.toMillis());
                }

                @Override
                public void renewing(ExchangeFailure failure) {
                    LOG.log(Level.INFO, "event=assertion_stale agent_identity={0} leg={1} action=remint_and_retry "
                            + "entra_correlation_id={2}", agentAppId, failure.leg(), failure.correlationId());
                    credential.invalidate();
                    flows.refreshT1Next(agentAppId);
                }
            });
        } finally {
            ExchangeTrace.end();
        }
    }

    private static long millis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

}
