package dev.entrabridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.sidecar.HealthCommand;
import dev.entrabridge.sidecar.SidecarOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential health check on the demo's world: {@code ./demo health} passes, each
 * {@code --demo-break} misconfiguration shows up as the report an operator would meet in
 * production, and a broken demo's sidecar serves the failing summary on {@code /healthz}.
 */
class DemoHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Outcome(int exit, String out, String err) { }

    private static Outcome health(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "health";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit;
        try {
            exit = DemoMain.health(DemoOptions.parse(all), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // As main does: a usage error is printed and ends with exit code 2.
            return new Outcome(HealthCommand.USAGE, "", e.getMessage());
        }
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void healthDemoPassesEveryCheck() throws Exception {
        Outcome o = health("--demo", "--json");

        JsonNode report = JSON.readTree(o.out());
        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        assertThat(report.get("status").asText()).as(o.out()).isEqualTo("pass");
        assertThat(report.get("checks").findValuesAsText("check")).containsExactly("configuration", "assertion",
                "issuer-discovery", "token-exchange", "federated-credential", "credential-expiry", "clock-skew");
        JsonNode assertion = report.get("checks").get(1).get("evidence");
        assertThat(assertion.get("ficSubject").asText()).isEqualTo(AWS_ROLE_ARN);
        assertThat(o.out()).doesNotContain("eyJ");
    }

    @Test
    void aBrokenFicSubjectFailsWithExitCodeOneAndSaysWhatToFix() {
        Outcome o = health("--demo", "--demo-break=fic-subject");

        assertThat(o.exit()).as(o.out()).isEqualTo(HealthCommand.FAILED);
        assertThat(o.out()).startsWith("Entra Agent Bridge credential health: FAIL")
                .contains("[FAIL] token-exchange", "AADSTS700213", "do: ");
        assertThat(o.out()).doesNotContain("eyJ");
    }

    @Test
    void anExpiringSecretOnlyWarnsSoTheCommandStillSucceeds() {
        Outcome o = health("--demo-break=secret-expiring");

        assertThat(o.exit()).as(o.out()).isZero();
        assertThat(o.out()).startsWith("Entra Agent Bridge credential health: WARN")
                .contains("[WARN] credential-expiry");
    }

    @Test
    void usageErrorsExitTwoAndNameTheProblem() {
        Outcome unknown = health("--demo", "--demo-break=everything");

        assertThat(unknown.exit()).isEqualTo(HealthCommand.USAGE);
        assertThat(unknown.err()).contains("--demo-break 'everything': use one of fic-subject");
        assertThat(health("--nope").err()).contains("unknown argument '--nope'");
    }

    @Test
    void aBrokenDemoServesTheFailingSummaryAndStaysLive() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoOptions options = DemoOptions.parse("--demo", "--port", "0", "--demo-break=agent-disabled");
        SidecarOptions sidecar = SidecarOptions.parse(options.passedOn().toArray(String[]::new));
        try (DemoMain.Running demo = DemoMain.start(options, sidecar, Map.of(),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            JsonNode healthz = awaitCredentialStatus(demo.baseUrl());

            assertThat(healthz.at("/health/credential/status").asText()).isEqualTo("fail");
            assertThat(healthz.at("/health/credential/checks/token-exchange").asText()).isEqualTo("fail");
            assertThat(healthz.get("status").asText()).isEqualTo("Healthy");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--demo-break=agent-disabled");
        }
    }

    /** Polls /healthz until the first background run has reported. */
    private static JsonNode awaitCredentialStatus(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (!"pending".equals(body.at("/health/credential/status").asText())) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                return body;
            }
            assertThat(Instant.now()).as("a health report within 30 s").isBefore(deadline);
            Thread.sleep(Duration.ofMillis(200).toMillis());
        }
    }
}
