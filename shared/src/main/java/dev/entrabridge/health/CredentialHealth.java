package dev.entrabridge.health;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.config.RetrySettings;
import dev.entrabridge.credential.BlueprintCredential;
import dev.entrabridge.credential.BlueprintCredentials;
import dev.entrabridge.credential.ClientAssertionSource;
import dev.entrabridge.credential.ClientCertificateCredential;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.http.OutboundHttpClients;

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

/**
 * The credential health check of one deployment, assembled from its configuration: configuration,
 * assertion, issuer discovery, token exchange per agent and API, federated credential comparison
 * and credential expiry (through Graph, optional), and clock skew. It runs the exchange with its
 * own single-attempt token service so that retries are the check's (and reported), never hidden,
 * and keeps the last report for {@code /healthz}.
 */
public final class CredentialHealth {

    static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

    private final HealthCheckRunner runner;
    private final AtomicReference<HealthReport> last = new AtomicReference<>();
    private final HealthSettings settings;

    /** The production wiring: the configured credential source and the system clock. */
    public static CredentialHealth create(BridgeConfig config) {
        Clock clock = Clock.systemUTC();
        return new CredentialHealth(config, HealthSettings.from(config.environment()),
                BlueprintCredentials.create(config, clock), clock);
    }

    public CredentialHealth(BridgeConfig config, HealthSettings settings, BlueprintCredential credential, Clock clock) {
        this.settings = settings;
        BridgeConfig singleAttempt = config.withRetry(new RetrySettings(settings.budget(), 1, false));
        AgentTokenService service = new AgentTokenService(singleAttempt, credential, clock, Sleeper.system());
        HttpClient http = OutboundHttpClients.create(config.http());
        String audience = config.cloud().exchangeAudience();

        List<HealthCheck> checks = new ArrayList<>();
        checks.add(new ConfigurationCheck(config, credential));
        boolean federated = credential instanceof ClientAssertionSource;
        if (federated) {
            ClientAssertionSource source = (ClientAssertionSource) credential;
            checks.add(new AssertionCheck(credential.description(), () -> {
                source.invalidate();
                return source.assertion().value();
            }, audience));
            checks.add(new IssuerDiscoveryCheck(http, HTTP_TIMEOUT));
        }
        checks.add(new TokenExchangeCheck(probe(service), targets(config), INITIAL_BACKOFF, settings.retryAllowance()));
        BlueprintDirectory directory = null;
        if (settings.readGraph()) {
            URI graphBase = graphBase(config);
            directory = new GraphBlueprintDirectory(http, graphBase, config.blueprintClientId(),
                    () -> service.blueprintAccessToken(Set.of(GRAPH_RESOURCE + "/.default")), HTTP_TIMEOUT);
            if (federated) {
                checks.add(new FederatedCredentialCheck(directory, audience));
            }
        }
        List<CredentialExpiry> local = localCredentials(credential);
        checks.add(new CredentialExpiryCheck(directory, () -> local, settings.expiry()));
        checks.add(new ClockSkewCheck(http, entraProbe(config), HTTP_TIMEOUT));
        this.runner = new HealthCheckRunner(checks, clock, settings.budget(), versions());
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

    private static ExchangeProbe probe(AgentTokenService service) {
        return new ExchangeProbe() {
            @Override
            public void leg1(String agentIdentity) {
                service.probeLeg1(agentIdentity);
            }

            @Override
            public void leg2(String agentIdentity, Set<String> scopes) {
                service.probeLegs(agentIdentity, scopes);
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

    /** The tenant's OpenID configuration, sent where Entra traffic really goes (the endpoint override). */
    static URI entraProbe(BridgeConfig config) {
        URI host = config.http().endpointOverride().orElse(config.authorityHost());
        return URI.create(host.getScheme() + "://" + host.getRawAuthority() + "/" + config.tenantId()
                + "/v2.0/.well-known/openid-configuration");
    }

    private static List<CredentialExpiry> localCredentials(BlueprintCredential credential) {
        if (credential instanceof ClientCertificateCredential) {
            ClientCertificateCredential c = (ClientCertificateCredential) credential;
            return List.of(new CredentialExpiry("certificate",
                    c.chain().get(0).getSubjectX500Principal().getName(), c.notAfter()));
        }
        return List.of();
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
