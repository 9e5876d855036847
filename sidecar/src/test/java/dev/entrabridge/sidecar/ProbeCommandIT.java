package dev.entrabridge.sidecar;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The exec probe a Kubernetes pod runs against its loopback-only sidecar. */
class ProbeCommandIT {

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));

    private static int probe(int port, ByteArrayOutputStream out) {
        return ProbeCommand.run(new String[] {"--port", Integer.toString(port)}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void passesWhileTheSidecarAnswersAndFailsWhenNothingListens() throws Exception {
        ByteArrayOutputStream up = new ByteArrayOutputStream();
        ByteArrayOutputStream down = new ByteArrayOutputStream();
        int exitUp;
        int port;
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"),
                world.bridge().environment(CredentialSourceKind.AWS_STS), new PrintStream(new ByteArrayOutputStream()))) {
            port = sidecar.server().baseUrl().getPort();
            exitUp = probe(port, up);
        }
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        int exitDown = probe(free, down);

        assertThat(exitUp).as(up.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(up.toString(StandardCharsets.UTF_8)).contains("/healthz answered 200");
        assertThat(exitDown).isEqualTo(HealthCommand.FAILED);
        assertThat(down.toString(StandardCharsets.UTF_8)).contains("did not answer");
    }

    @Test
    void refusesAPortThatIsNone() {
        assertThat(ProbeCommand.run(new String[] {"--port", "70000"}, System.out, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(HealthCommand.USAGE);
    }
}
