package dev.entrabridge.sidecar;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.endpoint.contract.ContractTarget;
import dev.entrabridge.endpoint.contract.ContractWorld;
import dev.entrabridge.endpoint.contract.HttpContractSuite;
import dev.entrabridge.testing.EmulatedCloudExtension;
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

/**
 * The HTTP contract suite against the real sidecar over a socket, with the real core behind it and
 * the emulated world (Entra, AWS STS as the blueprint's credential, Graph), plus a disabled agent
 * and a trusted and an untrusted caller issuer for token exchange ({@link ContractWorld}).
 */
class SidecarContractIT extends HttpContractSuite {

    private static final List<String> STDOUT = new CopyOnWriteArrayList<>();

    /** The sidecar runs on the system clock, so the emulators do too. */
    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(
            b -> b.demoPeople().clock(Clock.systemUTC()));

    private static ContractWorld contract;
    private static SidecarMain.Running sidecar;
    private static ContractTarget target;

    @BeforeAll
    static void startSidecar() throws IOException {
        contract = ContractWorld.on(WORLD.cloud(), WORLD.bridge());
        Map<String, String> env = contract.environment(CredentialSourceKind.AWS_STS, "{\"kind\":\"loopback\"}");
        // No background health runs here: they would consume the faults the suite injects into Entra.
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        PrintStream out = new PrintStream(new LineSink(STDOUT), true, StandardCharsets.UTF_8);
        sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env, out);
        URI base = sidecar.server().baseUrl();
        target = contract.target((method, pathAndQuery, headers, body) -> RawHttp.send(base, method, pathAndQuery,
                        headers, body),
                () -> STDOUT.stream().filter(l -> l.startsWith("{") && l.contains("\"event\":\"agent_token\"")).toList(),
                () -> List.copyOf(STDOUT));
    }

    @AfterEach
    void clearFaults() {
        contract.resetFaults();
    }

    @AfterAll
    static void stopSidecar() {
        sidecar.server().stop(Duration.ZERO);
        contract.close();
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
