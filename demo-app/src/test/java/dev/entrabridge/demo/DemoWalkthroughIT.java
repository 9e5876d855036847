package dev.entrabridge.demo;

import dev.entrabridge.sidecar.SidecarOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the demo and then every command it printed, verbatim, in one bash session with the
 * system's curl and sed: what a reader pastes is what is tested.
 */
class DemoWalkthroughIT {

    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
    private static DemoMain.Running demo;

    @BeforeAll
    static void startDemo() throws IOException {
        DemoOptions options = DemoOptions.parse("--port", "0");
        demo = DemoMain.start(options, SidecarOptions.parse(options.passedOn().toArray(String[]::new)), Map.of(),
                new PrintStream(PRINTED, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Test
    void everyPrintedCommandWorksAsPrinted() throws Exception {
        List<String> commands = Arrays.stream(PRINTED.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(l -> l.startsWith("curl ") || l.startsWith("USER_TOKEN=$(curl ")).toList();
        assertThat(commands).hasSize(8);
        // Each command's output is framed so the test can tell them apart.
        StringBuilder script = new StringBuilder("set -u\n");
        for (int i = 0; i < commands.size(); i++) {
            script.append("echo '=== ").append(i).append("'\n").append(commands.get(i)).append("\necho\n");
        }
        script.append("echo '=== user token length'\necho ${#USER_TOKEN}\n");
        Path file = Files.createTempFile("demo-walkthrough", ".sh");
        Files.writeString(file, script);

        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String[] parts = output.split("=== ");

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(parts[1]).as("1. agent token").contains("{\"authorizationHeader\":\"Bearer ey");
        assertThat(parts[2]).as("2. Graph through the sidecar").contains("\"statusCode\":200", "Alice Demo", "Bob Example");
        assertThat(parts[3]).as("3. agent user").contains("{\"authorizationHeader\":\"Bearer ey");
        assertThat(parts[9]).as("user token length").matches("(?s)user token length\\s+[1-9][0-9]{2,}\\s*");
        assertThat(parts[5]).as("5a. on-behalf-of").contains("{\"authorizationHeader\":\"Bearer ey");
        assertThat(parts[6]).as("5b. Graph /me as the user").contains("\"statusCode\":200", "alice@contoso.onmicrosoft.com");
        assertThat(parts[7]).as("6. refused").contains("HTTP/1.1 403", "application/problem+json", "POLICY_DENIED",
                "calendar-agent");
        assertThat(parts[8]).as("7. health summary").contains("\"status\":\"Healthy\"", "\"credential\":{\"");
        assertThat(PRINTED.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"issued\"", "\"outcome\":\"refused\"");
        Files.delete(file);
    }
}
