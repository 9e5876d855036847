package dev.entrabridge.lambda;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.endpoint.contract.ContractFixture;
import dev.entrabridge.endpoint.contract.ContractTarget;
import dev.entrabridge.endpoint.contract.HttpContractSuite;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.Runtimes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * The shared HTTP contract suite against the token Function URL handler: every request the suite
 * sends becomes the payload-2.0 event Lambda would build for it (the caller an IAM principal the
 * policy allows), goes through {@link TokenFunctionUrlHandler#handleRequest} on the real core, and its
 * payload-2.0 answer is read back as the HTTP response. In this JVM rather than under the RIC so the
 * suite can read the audit lines the moment each answer arrives; {@link TokenFunctionUrlIT} runs the
 * same handler under the real runtime interface client.
 */
class FunctionUrlContractIT extends HttpContractSuite {

    static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/AgentWorkloadRole/contract-suite";
    private static final String RETIRED_AGENT = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String CALLER_AUDIENCE = "api://entra-agent-bridge";
    private static final List<String> AUDIT = new CopyOnWriteArrayList<>();
    private static final List<String> LOGS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.demoPeople().clock(Clock.systemUTC()));

    private static EmulatedCloud cloud;
    private static OidcIssuerEmulator workloads;
    private static OidcIssuerEmulator strangers;
    private static Handler logCapture;
    private static ContractTarget target;

    @BeforeAll
    static void startHandler() {
        Clock clock = Clock.systemUTC();
        cloud = WORLD.cloud();
        cloud.tenant().agentIdentity(RETIRED_AGENT, BLUEPRINT_APP_ID).enabled(false);
        workloads = OidcIssuerEmulator.start("workloads", clock);
        strangers = OidcIssuerEmulator.start("strangers", clock);

        Map<String, String> env = WORLD.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_AGENTS", env.get("BRIDGE_AGENTS") + ",retired-agent=" + RETIRED_AGENT);
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "1");
        env.put("BRIDGE_CALLERS", "{\"trustedIssuers\":[{\"issuer\":\"" + workloads.issuer() + "\",\"audiences\":[\""
                + CALLER_AUDIENCE + "\"],\"jwksUri\":\"" + workloads.jwksUri() + "\"}]}");
        env.put("BRIDGE_POLICY", "{\"rules\":["
                + "{\"name\":\"agent-workloads\",\"caller\":{\"kind\":\"aws-iam\",\"principalArn\":"
                + "\"arn:aws:sts::123456789012:assumed-role/AgentWorkloadRole/*\"},"
                + "\"agents\":[\"" + MAIL_AGENT + "\",\"retired-agent\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]},"
                + "{\"name\":\"workload-1\",\"caller\":{\"kind\":\"jwt\",\"issuer\":\"" + workloads.issuer()
                + "\",\"subject\":\"workload-1\"},\"agents\":[\"" + MAIL_AGENT + "\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}");

        logCapture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                LOGS.add(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(logCapture);
        TokenFunctionUrlHandler handler = new TokenFunctionUrlHandler(
                Runtimes.system(BridgeConfig.fromEnvironment(env), AUDIT::add));
        HttpClient tls = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();

        ContractFixture fixture = new ContractFixture(GRAPH_API, URI.create(cloud.graph().baseUrl() + "/v1.0/users"),
                "users", "/me", "/groups", MAIL_AGENT, MAILER_AGENT_APP_ID,
                CALENDAR_AGENT, "retired-agent", AGENT_USER_OID, AGENT_USER_UPN, BLUEPRINT_APP_ID,
                () -> cloud.entra().mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                        Duration.ofMinutes(30)),
                () -> workloads.mint("workload-1", CALLER_AUDIENCE, Duration.ofMinutes(5)),
                () -> strangers.mint("workload-1", CALLER_AUDIENCE, Duration.ofMinutes(5)));
        target = new ContractTarget() {
            @Override
            public Response send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    handler.handleRequest(new ByteArrayInputStream(
                            FunctionUrlRequests.event(method, pathAndQuery, headers, body, PRINCIPAL)), out, null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return FunctionUrlRequests.response(out.toByteArray());
            }

            @Override
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

            @Override
            public ContractFixture fixture() {
                return fixture;
            }

            @Override
            public List<String> auditLines() {
                return List.copyOf(AUDIT);
            }

            @Override
            public List<String> logLines() {
                List<String> all = new ArrayList<>(LOGS);
                all.addAll(AUDIT);
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

    @AfterEach
    void clearFaults() {
        cloud.resetFaults();
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(logCapture);
        workloads.close();
        strangers.close();
    }

    @Override
    protected ContractTarget target() {
        return target;
    }
}
