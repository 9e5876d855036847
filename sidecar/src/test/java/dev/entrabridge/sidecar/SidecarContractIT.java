package dev.entrabridge.sidecar;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.endpoint.contract.ContractFixture;
import dev.entrabridge.endpoint.contract.ContractTarget;
import dev.entrabridge.endpoint.contract.HttpContractSuite;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.EmulatedContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;

/**
 * The HTTP contract suite against the real sidecar over a socket, with the real core behind it and
 * the emulated world (Entra, AWS STS as the blueprint's credential, Graph), plus a disabled agent
 * and a trusted and an untrusted caller issuer for token exchange.
 */
class SidecarContractIT extends HttpContractSuite {

    private static final String CALLER_AUDIENCE = "api://entra-agent-bridge";
    private static final List<String> STDOUT = new CopyOnWriteArrayList<>();

    /** The sidecar runs on the system clock, so the emulators do too. */
    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(
            b -> b.demoPeople().clock(Clock.systemUTC()));

    private static EmulatedCloud cloud;
    private static OidcIssuerEmulator workloads;
    private static OidcIssuerEmulator strangers;
    private static SidecarMain.Running sidecar;
    private static EmulatedContract.LogCapture logs;
    private static ContractTarget target;

    @BeforeAll
    static void startSidecar() throws IOException {
        Clock clock = Clock.systemUTC();
        cloud = WORLD.cloud();
        String retiredAgent = EmulatedContract.retireAgent(cloud);
        workloads = OidcIssuerEmulator.start("workloads", clock);
        strangers = OidcIssuerEmulator.start("strangers", clock);

        Map<String, String> env = WORLD.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_AGENTS", env.get("BRIDGE_AGENTS") + "," + retiredAgent);
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "1");
        // No background health runs here: they would consume the faults the suite injects into Entra.
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        env.put("BRIDGE_CALLERS", "{\"trustedIssuers\":[{\"issuer\":\"" + workloads.issuer() + "\",\"audiences\":[\""
                + CALLER_AUDIENCE + "\"],\"jwksUri\":\"" + workloads.jwksUri() + "\"}]}");
        env.put("BRIDGE_POLICY", "{\"rules\":["
                + "{\"name\":\"local\",\"caller\":{\"kind\":\"loopback\"},"
                + "\"agents\":[\"" + MAIL_AGENT + "\",\"retired-agent\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]},"
                + "{\"name\":\"workload-1\",\"caller\":{\"kind\":\"jwt\",\"issuer\":\"" + workloads.issuer()
                + "\",\"subject\":\"workload-1\"},\"agents\":[\"" + MAIL_AGENT + "\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}");

        logs = EmulatedContract.LogCapture.start();
        PrintStream out = new PrintStream(new LineSink(STDOUT), true, StandardCharsets.UTF_8);
        sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env, out);
        URI base = sidecar.server().baseUrl();
        ContractFixture fixture = EmulatedContract.fixture(cloud,
                () -> workloads.mint("workload-1", CALLER_AUDIENCE, Duration.ofMinutes(5)),
                () -> strangers.mint("workload-1", CALLER_AUDIENCE, Duration.ofMinutes(5)));
        target = new ContractTarget() {
            @Override
            public Response send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
                return RawHttp.send(base, method, pathAndQuery, headers, body);
            }

            @Override
            public Response callDirectly(URI url, Map<String, String> headers) {
                return EmulatedContract.callDirectly(url, headers);
            }

            @Override
            public ContractFixture fixture() {
                return fixture;
            }

            @Override
            public List<String> auditLines() {
                return STDOUT.stream().filter(l -> l.startsWith("{") && l.contains("\"event\":\"agent_token\"")).toList();
            }

            @Override
            public List<String> logLines() {
                List<String> all = new java.util.ArrayList<>(logs.lines());
                all.addAll(STDOUT);
                return all;
            }

            @Override
            public boolean injectEntraFailure(int status, Duration retryAfter) {
                return EmulatedContract.injectEntraFailure(cloud, status, retryAfter);
            }
        };
    }

    @AfterEach
    void clearFaults() {
        cloud.resetFaults();
    }

    @AfterAll
    static void stopSidecar() {
        logs.close();
        sidecar.server().stop(Duration.ZERO);
        workloads.close();
        strangers.close();
    }

    @Override
    protected ContractTarget target() {
        return target;
    }

    /** Collects what the sidecar prints, line by line. */
    private static final class LineSink extends java.io.OutputStream {
        private final List<String> lines;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineSink(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }
}
