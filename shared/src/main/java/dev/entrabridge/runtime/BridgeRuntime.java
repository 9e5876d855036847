package dev.entrabridge.runtime;

import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.ConfigException;
import dev.entrabridge.credential.BlueprintCredential;
import dev.entrabridge.credential.BlueprintCredentials;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.ConfiguredEndpoint;
import dev.entrabridge.endpoint.HealthSummary;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.graph.GraphOperations;
import dev.entrabridge.health.CredentialHealth;
import dev.entrabridge.health.CredentialHealthSummary;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.retry.Sleeper;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The composition root: every deployment (sidecar, Lambda, Azure Function, the health command)
 * builds the bridge's object graph here, once per process, and then only translates its trigger's
 * input and output. It owns exactly one outbound JDK {@link HttpClient} (reading
 * {@code BRIDGE_TRUSTED_CA_FILE} once), one blueprint credential (one STS client, one assertion reuse
 * window), one token service, the token issuance and the HTTP contract on them, the Microsoft Graph
 * operations on the same client, and — built only when first asked for, on the same credential, service
 * and client — the credential health check. A handler that serves no HTTP (the Bedrock action group, the
 * scheduled health check) defers the HTTP contract too ({@link Builder#httpContractOnFirstUse()}), so its
 * cold start neither loads nor builds the caller and user token validators it never uses.
 */
public final class BridgeRuntime {

    private static final System.Logger LOG = System.getLogger(BridgeRuntime.class.getName());

    private final BridgeConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final BlueprintCredential credential;
    private final AgentTokenService tokens;
    private final TokenIssuance issuer;
    private final GraphOperations graph;
    private volatile Endpoints endpoints;
    private volatile CredentialHealth health;

    private BridgeRuntime(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.http = b.http != null ? b.http : OutboundHttpClients.create(config.http());
        this.credential = b.credential != null ? b.credential : BlueprintCredentials.create(config, http, clock);
        this.tokens = new AgentTokenService(config, credential, http, clock, sleeper);
        this.issuer = TokenIssuance.fromConfig(config, tokens, new AuditLog(b.auditSink, clock), clock);
        this.graph = new GraphOperations(http, config.graph(), clock);
        if (!b.httpContractOnFirstUse) {
            endpoints();  // an invalid BRIDGE_CALLERS fails the start-up of the deployments that serve HTTP
        }
        LOG.log(Level.INFO, "event=bridge_runtime_ready credential=\"{0}\" caller_policy={1}", credential.description(),
                TokenIssuance.hasPolicy(config) ? "configured" : "none");
    }

    /**
     * The production runtime: configuration from {@code environment} (pass {@link System#getenv()}),
     * audit lines to standard output, the system clock, real sleeps.
     *
     * @throws dev.entrabridge.config.ConfigException naming the variable to fix
     */
    public static BridgeRuntime fromEnvironment(Map<String, String> environment) {
        PrintStream out = System.out;
        return fromEnvironment(environment, out::println);
    }

    /** As {@link #fromEnvironment(Map)}, with the audit lines going to {@code auditLines}. */
    public static BridgeRuntime fromEnvironment(Map<String, String> environment, Consumer<String> auditLines) {
        return builder(BridgeConfig.fromEnvironment(environment)).auditSink(auditLines).build();
    }

    /** A runtime from collaborators: tests pass their clock, a sleeper that advances it, an audit sink. */
    public static Builder builder(BridgeConfig config) {
        return new Builder(config);
    }

    public BridgeConfig config() {
        return config;
    }

    /** The token service (the core): for adapters and tests that ask for tokens without a caller policy. */
    public AgentTokenService tokens() {
        return tokens;
    }

    /** The issuance every adapter obtains tokens through: policy first, one audit line either way. */
    public TokenIssuance issuer() {
        return issuer;
    }

    /** The HTTP contract (sidecar routes, {@code /token}, {@code /healthz}) on this runtime's issuance. */
    public BridgeEndpoint endpoint() {
        return endpoints().local;
    }

    /**
     * The HTTP contract for callers that reach the bridge over a network (the Azure Function): the same routes
     * on the same issuance, but every request first proves its caller by its own JWT from a {@code BRIDGE_CALLERS}
     * issuer ({@code X-Caller-Authorization: Bearer …}, or the RFC 8693 tokens on {@code POST /token}).
     *
     * @throws ConfigException naming {@code BRIDGE_CALLERS} when no caller issuer is trusted
     */
    public BridgeEndpoint networkEndpoint() {
        BridgeEndpoint networkEndpoint = endpoints().network;
        if (networkEndpoint == null) {
            throw new ConfigException("BRIDGE_CALLERS", "is required where callers reach the bridge over the network: "
                    + "set it to {\"trustedIssuers\":[{\"issuer\":\"https://…\",\"audiences\":[\"…\"]}]}, the identity "
                    + "providers whose tokens your callers present");
        }
        return networkEndpoint;
    }

    /**
     * The Microsoft Graph operations (users, calendar, mail, allowlisted GET) on this runtime's HTTP client
     * and {@code BRIDGE_GRAPH_*} settings. Their {@code GraphToken} should come from {@link #issuer()}, so
     * the caller policy decides and the audit line is written.
     */
    public GraphOperations graph() {
        return graph;
    }

    /** Whether a caller policy is configured; without one every token request is refused. */
    public boolean hasCallerPolicy() {
        return TokenIssuance.hasPolicy(config);
    }

    /** Both HTTP contracts, built together once: with the runtime, or on first use when the builder said so. */
    private Endpoints endpoints() {
        Endpoints e = endpoints;
        if (e == null) {
            synchronized (this) {
                e = endpoints;
                if (e == null) {
                    e = new Endpoints();
                    endpoints = e;
                }
            }
        }
        return e;
    }

    /**
     * The credential health check, built on first use on this runtime's credential, token service and
     * HTTP client. From then on {@code /healthz} serves its last report's summary.
     */
    public CredentialHealth health() {
        CredentialHealth h = health;
        if (h == null) {
            synchronized (this) {
                h = health;
                if (h == null) {
                    h = CredentialHealth.create(config, credential, tokens, http, clock, sleeper);
                    health = h;
                }
            }
        }
        return h;
    }

    /**
     * Forgets everything time-bound: cached agent tokens, MSAL's T1/T2 caches, any reused assertion and
     * the last health report. For SnapStart's {@code afterRestore}: a snapshot may be restored hours later.
     */
    public void resetTimeBoundState() {
        tokens.resetTimeBoundState();
        CredentialHealth h = health;
        if (h != null) {
            h.resetTimeBoundState();
        }
    }

    /** The local and the network contract, from one builder so both share the caller validators and their key caches. */
    private final class Endpoints {
        final BridgeEndpoint local;
        final BridgeEndpoint network;

        Endpoints() {
            BridgeEndpoint.Builder builder = ConfiguredEndpoint.builder(config, http, issuer)
                    .health(new ScheduledHealthSummary()).clock(clock);
            local = builder.build();
            network = ConfiguredEndpoint.trustsCallers(config) ? builder.callersOverNetwork().build() : null;
        }
    }

    /** {@code /healthz}: liveness only until the health check exists, then its last report's summary. */
    private final class ScheduledHealthSummary implements HealthSummary {
        @Override
        public Map<String, Object> summary() {
            CredentialHealth h = health;
            return h == null ? Map.of() : new CredentialHealthSummary(h).summary();
        }

        @Override
        public boolean unhealthy() {
            CredentialHealth h = health;
            return h != null && new CredentialHealthSummary(h).unhealthy();
        }
    }

    /** Builds a {@link BridgeRuntime}; everything but the configuration has a production default. */
    public static final class Builder {
        private final BridgeConfig config;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Consumer<String> auditSink = line -> System.out.println(line);
        private BlueprintCredential credential;
        private HttpClient http;
        private boolean httpContractOnFirstUse;

        private Builder(BridgeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Time for caches, retry budgets, assertion reuse, audit lines and health runs. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How retries wait. */
        public Builder sleeper(Sleeper value) {
            sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Where the audit lines go (one JSON line per token issued or refused). */
        public Builder auditSink(Consumer<String> value) {
            auditSink = Objects.requireNonNull(value, "auditSink");
            return this;
        }

        /** The blueprint credential, instead of the configured source's. */
        public Builder credential(BlueprintCredential value) {
            credential = Objects.requireNonNull(value, "credential");
            return this;
        }

        /**
         * The outbound JDK client, instead of one built from the configuration's HTTP settings; it must
         * not follow redirects. Every outbound JDK call of the runtime goes through it.
         */
        public Builder httpClient(HttpClient value) {
            http = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /**
         * Builds the HTTP contract ({@link #endpoint()}, {@link #networkEndpoint()}) when first asked for
         * instead of with the runtime: for handlers that serve no HTTP, whose cold start would pay for it
         * unused. {@code BRIDGE_CALLERS} is then checked on first use, not at start-up.
         */
        public Builder httpContractOnFirstUse() {
            httpContractOnFirstUse = true;
            return this;
        }

        public BridgeRuntime build() {
            return new BridgeRuntime(this);
        }
    }
}
