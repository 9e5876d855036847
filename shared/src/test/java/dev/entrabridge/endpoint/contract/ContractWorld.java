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
 * {@link EmulatedCloud} (with its demo people, on the system clock): a disabled agent, a trusted and an
 * untrusted issuer of callers' tokens, the deployment's environment, the {@link ContractFixture}, direct
 * API calls, Entra fault injection and the JDK log lines written meanwhile. A deployment's test adds only
 * how a request reaches it and where its audit lines go ({@link #target}).
 */
public final class ContractWorld implements AutoCloseable {

    /** A configured agent the policy allows, whose identity the tenant has disabled. */
    public static final String RETIRED_AGENT = "retired-agent";
    private static final String RETIRED_AGENT_APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String CALLER_AUDIENCE = "api://entra-agent-bridge";

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

    /** Arranges the contract's tenant on {@code cloud}, which must run on the system clock with its demo people. */
    public static ContractWorld on(EmulatedCloud cloud, EmulatedDeployment deployment) {
        return new ContractWorld(cloud, deployment);
    }

    /**
     * The deployment's environment: the {@code aws-sts} source, one attempt per exchange (so injected
     * faults answer at once), the trusted callers' issuer, and a policy letting the deployment's own
     * callers use the mail and retired agents for {@code graph} in every flow and the trusted workload
     * {@code workload-1} the mail agent autonomously.
     *
     * @param deploymentCallers the policy's caller pattern for the callers the deployment authenticates,
     *                          e.g. {@code {"kind":"loopback"}}
     */
    public Map<String, String> environment(String deploymentCallers) {
        Map<String, String> env = deployment.environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_AGENTS", env.get("BRIDGE_AGENTS") + "," + RETIRED_AGENT + "=" + RETIRED_AGENT_APP_ID);
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "1");
        env.put("BRIDGE_CALLERS", "{\"trustedIssuers\":[{\"issuer\":\"" + workloads.issuer() + "\",\"audiences\":[\""
                + CALLER_AUDIENCE + "\"],\"jwksUri\":\"" + workloads.jwksUri() + "\"}]}");
        env.put("BRIDGE_POLICY", "{\"rules\":["
                + "{\"name\":\"deployment-callers\",\"caller\":" + deploymentCallers + ","
                + "\"agents\":[\"" + MAIL_AGENT + "\",\"" + RETIRED_AGENT + "\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]},"
                + "{\"name\":\"workload-1\",\"caller\":{\"kind\":\"jwt\",\"issuer\":\"" + workloads.issuer()
                + "\",\"subject\":\"workload-1\"},\"agents\":[\"" + MAIL_AGENT + "\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}");
        return env;
    }

    public ContractFixture fixture() {
        return new ContractFixture(GRAPH_API, URI.create(cloud.graph().baseUrl() + "/v1.0/users"),
                "users", "/me", "/groups", MAIL_AGENT, MAILER_AGENT_APP_ID,
                CALENDAR_AGENT, RETIRED_AGENT, AGENT_USER_OID, AGENT_USER_UPN, BLUEPRINT_APP_ID,
                () -> cloud.entra().mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                        Duration.ofMinutes(30)),
                () -> workloads.mint("workload-1", CALLER_AUDIENCE, Duration.ofMinutes(5)),
                () -> strangers.mint("workload-1", CALLER_AUDIENCE, Duration.ofMinutes(5)));
    }

    /**
     * The contract target of a deployment: requests go through {@code send}, audit lines come from
     * {@code auditLines}, and its log lines are this JVM's JDK log records plus {@code otherLogs}.
     */
    public ContractTarget target(Sender send, Supplier<List<String>> auditLines, Supplier<List<String>> otherLogs) {
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
