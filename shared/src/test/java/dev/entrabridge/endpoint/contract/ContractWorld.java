package dev.entrabridge.endpoint.contract;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.testing.EmulatedDeployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_UPN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.testing.EmulatedDeployment.CALENDAR_AGENT;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_API;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;

/**
 * The tenant every deployment runs {@link HttpContractSuite} against, arranged once on a running
 * {@link EmulatedCloud} (on the system clock; the fixture's person is one of its demo people): a disabled
 * agent, a trusted and an untrusted issuer of callers' tokens, the deployment's environment, the
 * {@link ContractFixture}, direct API calls, Entra fault injection and the JDK log lines written meanwhile.
 * A deployment's test adds only how a request reaches it, where its audit lines go, and — where callers
 * come over the network — the header their JWT travels in ({@link #target}, {@link #networkTarget}).
 */
public final class ContractWorld implements AutoCloseable {

    /** A configured agent the policy allows, whose identity the tenant has disabled. */
    public static final String RETIRED_AGENT = "retired-agent";
    /** The subject of the trusted issuer's workload, the fixture's caller. */
    public static final String CALLER = "workload-1";
    /** The audience the trusted issuer's tokens are minted for, which {@code BRIDGE_CALLERS} expects. */
    public static final String CALLER_AUDIENCE = "api://entra-agent-bridge";
    private static final String RETIRED_AGENT_APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

    /** How a test sends one HTTP request to its deployment (see {@link ContractTarget#send}). */
    @FunctionalInterface
    public interface Sender {
        Response send(String method, String pathAndQuery, Map<String, String> headers, byte[] body);
    }

    private final EmulatedCloud cloud;
    private final EmulatedDeployment deployment;
    private final OidcIssuerEmulator workloads;
    private final OidcIssuerEmulator strangers;
    private final HttpClient tls = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logs.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private ContractWorld(EmulatedCloud cloud, EmulatedDeployment deployment) {
        this.cloud = cloud;
        this.deployment = deployment;
        cloud.tenant().agentIdentity(RETIRED_AGENT_APP_ID, BLUEPRINT_APP_ID).enabled(false);
        this.workloads = OidcIssuerEmulator.start("workloads", Clock.systemUTC());
        this.strangers = OidcIssuerEmulator.start("strangers", Clock.systemUTC());
        Logger.getLogger("").addHandler(capture);
    }

    /**
     * Arranges the contract's tenant on {@code cloud}, which must run on the system clock (and have its demo
     * people where the suite runs: the fixture's user token is theirs).
     */
    public static ContractWorld on(EmulatedCloud cloud, EmulatedDeployment deployment) {
        return new ContractWorld(cloud, deployment);
    }

    /**
     * The deployment's environment: the blueprint's credential from {@code source}, one attempt per exchange
     * (so injected faults answer at once), the trusted callers' issuer, and a policy letting the deployment's
     * own callers use the mail and retired agents for {@code graph} in every flow and the trusted workload
     * {@value #CALLER} the mail agent autonomously.
     *
     * @param deploymentCallers the policy's caller pattern for the callers the deployment authenticates,
     *                          e.g. {@code {"kind":"loopback"}}, or {@link #trustedCaller()} where callers
     *                          prove themselves by their JWT
     */
    public Map<String, String> environment(CredentialSourceKind source, String deploymentCallers) {
        Map<String, String> env = healthyEnvironment(source, deploymentCallers);
        env.put("BRIDGE_AGENTS", env.get("BRIDGE_AGENTS") + "," + RETIRED_AGENT + "=" + RETIRED_AGENT_APP_ID);
        return env;
    }

    /**
     * {@link #environment} without the retired agent, so every configured agent is healthy: for a deployment's
     * tests beyond the suite, such as its credential health check (which exchanges for every agent).
     */
    public Map<String, String> healthyEnvironment(CredentialSourceKind source, String deploymentCallers) {
        Map<String, String> env = deployment.environment(source);
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "1");
        env.put("BRIDGE_CALLERS", "{\"trustedIssuers\":[{\"issuer\":\"" + workloads.issuer() + "\",\"audiences\":[\""
                + CALLER_AUDIENCE + "\"],\"jwksUri\":\"" + workloads.jwksUri() + "\"}]}");
        env.put("BRIDGE_POLICY", "{\"rules\":["
                + "{\"name\":\"deployment-callers\",\"caller\":" + deploymentCallers + ","
                + "\"agents\":[\"" + MAIL_AGENT + "\",\"" + RETIRED_AGENT + "\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]},"
                + "{\"name\":\"" + CALLER + "\",\"caller\":" + trustedCaller() + ",\"agents\":[\"" + MAIL_AGENT + "\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}");
        return env;
    }

    /** The policy's caller pattern of the trusted issuer's workload {@value #CALLER}. */
    public String trustedCaller() {
        return "{\"kind\":\"jwt\",\"issuer\":\"" + workloads.issuer() + "\",\"subject\":\"" + CALLER + "\"}";
    }

    /** A fresh token of {@value #CALLER} from the trusted issuer, as {@link ContractFixture#callerJwt()} gives. */
    public String callerJwt() {
        return workloads.mint(CALLER, CALLER_AUDIENCE, Duration.ofMinutes(5));
    }

    /**
     * A token of {@value #CALLER} signed by the trusted issuer's key with this audience and extra claims (which
     * replace the minted ones, e.g. {@code exp}): the refusals only that key could forge.
     */
    public String callerJwt(String audience, Map<String, Object> claims) {
        return workloads.mint(CALLER, audience, Duration.ofMinutes(5), claims);
    }

    public ContractFixture fixture() {
        return new ContractFixture(GRAPH_API, URI.create(cloud.graph().baseUrl() + "/v1.0/users"),
                "users", "/me", "/groups", MAIL_AGENT, MAILER_AGENT_APP_ID,
                CALENDAR_AGENT, RETIRED_AGENT, AGENT_USER_OID, AGENT_USER_UPN, BLUEPRINT_APP_ID,
                () -> cloud.entra().mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                        Duration.ofMinutes(30)),
                this::callerJwt, () -> strangers.mint(CALLER, CALLER_AUDIENCE, Duration.ofMinutes(5)));
    }

    /**
     * The contract target of a deployment whose transport authenticates its callers (a loopback peer, an IAM
     * signature): requests go through {@code send}, audit lines come from {@code auditLines}, and its log
     * lines are this JVM's JDK log records plus {@code otherLogs}.
     */
    public ContractTarget target(Sender send, Supplier<List<String>> auditLines, Supplier<List<String>> otherLogs) {
        return target(Optional.empty(), send, auditLines, otherLogs);
    }

    /**
     * The contract target of a deployment whose callers reach it over a network and prove themselves by their
     * JWT in {@code callerTokenHeader} ({@link ContractTarget#callerTokenHeader()}); otherwise as {@link #target}.
     */
    public ContractTarget networkTarget(String callerTokenHeader, Sender send, Supplier<List<String>> auditLines,
                                        Supplier<List<String>> otherLogs) {
        return target(Optional.of(callerTokenHeader), send, auditLines, otherLogs);
    }

    private ContractTarget target(Optional<String> callerTokenHeader, Sender send, Supplier<List<String>> auditLines,
                                  Supplier<List<String>> otherLogs) {
        ContractFixture fixture = fixture();
        return new ContractTarget() {
            @Override
            public Response send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
                return send.send(method, pathAndQuery, headers, body);
            }

            @Override
            public Response callDirectly(URI url, Map<String, String> headers) {
                return ContractWorld.this.callDirectly(url, headers);
            }

            @Override
            public ContractFixture fixture() {
                return fixture;
            }

            @Override
            public Optional<String> callerTokenHeader() {
                return callerTokenHeader;
            }

            @Override
            public List<String> auditLines() {
                return auditLines.get();
            }

            @Override
            public List<String> logLines() {
                List<String> all = new ArrayList<>(logs);
                all.addAll(otherLogs.get());
                return all;
            }

            @Override
            public boolean injectEntraFailure(int status, Duration retryAfter) {
                cloud.entra().faults().reset().failNext(5, status == 429 ? new Fault.Throttle(retryAfter)
                        : new Fault.Status(status, retryAfter));
                return true;
            }
        };
    }

    /** Calls an API as an agent does with the header it obtained, trusting the emulators' CA. */
    public Response callDirectly(URI url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Clears the faults a test injected; call it after each test. */
    public void resetFaults() {
        cloud.resetFaults();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(capture);
        workloads.close();
        strangers.close();
    }
}
