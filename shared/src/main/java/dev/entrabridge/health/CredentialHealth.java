package dev.entrabridge.health;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.config.HealthSettings;
import dev.entrabridge.credential.BlueprintCredential;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.retry.Sleeper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The credential health check of one deployment: configuration, assertion, issuer discovery, token
 * exchange per agent and API, federated credential comparison and credential expiry (through Graph,
 * optional), and clock skew. It runs on the deployment's own credential, token service and HTTP
 * client (the runtime builds it on them); its exchanges bypass every cache and are retried by the
 * check itself, so what was retried is reported, never hidden. Keeps the last report for {@code /healthz}.
 */
public final class CredentialHealth {

    static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

    private final HealthCheckRunner runner;
    private final AtomicReference<HealthReport> last = new AtomicReference<>();
    private final HealthSettings settings;

    private CredentialHealth(HealthCheckRunner runner, HealthSettings settings) {
        this.runner = runner;
        this.settings = settings;
    }

    /**
     * Assembles the checks for {@code config}. Called by the runtime once per process, on the same
     * credential, token service and HTTP client every token request uses.
     *
     * @param sleeper waits between the exchange check's retries
     */
    public static CredentialHealth create(BridgeConfig config, BlueprintCredential credential, AgentTokenService tokens,
                                          HttpClient http, Clock clock, Sleeper sleeper) {
        HealthSettings settings = config.health();
        String audience = config.cloud().exchangeAudience();
        boolean federated = !credential.kind().development();

        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new ConfigurationCheck(config, credential));
        if (federated) {
            checks.add(new AssertionCheck(credential.description(), () -> tokens.probeAssertionValue().orElseThrow(),
                    audience));
            checks.add(new IssuerDiscoveryCheck(http, HTTP_TIMEOUT, entraRoute(config)));
        }
        checks.add(new TokenExchangeCheck(probe(tokens), targets(config), INITIAL_BACKOFF, settings.retryAllowance(),
                sleeper));
        BlueprintDirectory directory = null;
        if (settings.readGraph()) {
            directory = new GraphBlueprintDirectory(http, graphBase(config), config.blueprintClientId(),
                    () -> tokens.blueprintAccessToken(Set.of(GRAPH_RESOURCE + "/.default")), HTTP_TIMEOUT);
            if (federated) {
                checks.add(new FederatedCredentialCheck(directory, audience));
            }
        }
        List<CredentialExpiry> local = credential.localExpiry()
                .map(e -> List.of(new CredentialExpiry(credential.kind().configName(), e.name(), e.notAfter())))
                .orElse(List.of());
        checks.add(new CredentialExpiryCheck(directory, () -> local,
                new ExpiryPolicy(settings.expiryWarn(), settings.expiryFail())));
        checks.add(new ClockSkewCheck(http, entraProbe(config), HTTP_TIMEOUT));
        return new CredentialHealth(new HealthCheckRunner(checks, clock, settings.budget(), versions()), settings);
    }

    /** Runs every check once (bypassing caches) and remembers the report. */
    public HealthReport run() {
        HealthReport report = runner.run();
        last.set(report);
        return report;
    }

    /** The most recent report, if a run has finished. */
    public Optional<HealthReport> lastReport() {
        return Optional.ofNullable(last.get());
    }

    public HealthSettings settings() {
        return settings;
    }

    /** Forgets the last report (SnapStart's {@code afterRestore}: a snapshot's report is hours old). */
    public void resetTimeBoundState() {
        last.set(null);
    }

    private static ExchangeProbe probe(AgentTokenService tokens) {
        return new ExchangeProbe() {
            @Override
            public void leg1(String agentIdentity) {
                tokens.probeLeg1(agentIdentity);
            }

            @Override
            public void leg2(String agentIdentity, Set<String> scopes) {
                tokens.probeLegs(agentIdentity, scopes);
            }
        };
    }

    /** Every agent with every API; agents with an agent user also prove that flow's leg 2; no API → T1 only. */
    static List<ExchangeTarget> targets(BridgeConfig config) {
        List<ExchangeTarget> targets = new ArrayList<>();
        String exchangeScope = config.cloud().exchangeScope();
        config.agents().values().forEach(agent -> {
            if (config.apis().isEmpty()) {
                targets.add(new ExchangeTarget(agent.name(), agent.agentIdentity(), null, Set.of()));
            }
            for (DownstreamApi api : config.apis().values()) {
                targets.add(new ExchangeTarget(agent.name(), agent.agentIdentity(), api.name(), Set.copyOf(api.scopes())));
            }
            if (agent.agentUser().isPresent()) {
                targets.add(new ExchangeTarget(agent.name(), agent.agentIdentity(), "agent-user T2",
                        Set.of(exchangeScope)));
            }
        });
        return targets;
    }

    /**
     * The Graph origin the Graph operations use too ({@code BRIDGE_GRAPH_BASE_URL}, else a configured
     * API whose scopes are Graph's — the emulator in the demo — else the public one).
     */
    static URI graphBase(BridgeConfig config) {
        return config.graph().baseUrl();
    }

    /** Sends URIs on Entra's authority host where Entra traffic really goes (the endpoint override), others unchanged. */
    static UnaryOperator<URI> entraRoute(BridgeConfig config) {
        URI authority = config.authorityHost();
        return config.http().endpointOverride().<UnaryOperator<URI>>map(override -> uri ->
                uri.getScheme().equals(authority.getScheme()) && uri.getRawAuthority().equals(authority.getRawAuthority())
                        ? URI.create(override.getScheme() + "://" + override.getRawAuthority() + uri.getRawPath()
                                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                        : uri).orElse(UnaryOperator.identity());
    }

    /** The tenant's OpenID configuration, sent where Entra traffic really goes (the endpoint override). */
    static URI entraProbe(BridgeConfig config) {
        URI host = config.http().endpointOverride().orElse(config.authorityHost());
        return URI.create(host.getScheme() + "://" + host.getRawAuthority() + "/" + config.tenantId()
                + "/v2.0/.well-known/openid-configuration");
    }

    private static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bridge", version(CredentialHealth.class));
        v.put("java", System.getProperty("java.version"));
        v.put("msal4j", version(com.microsoft.aad.msal4j.ConfidentialClientApplication.class));
        return v;
    }

    private static String version(Class<?> type) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
