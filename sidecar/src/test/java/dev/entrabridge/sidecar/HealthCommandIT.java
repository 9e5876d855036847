package dev.entrabridge.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential health check as an operator meets it: the {@code health} command (exit codes,
 * text and JSON), {@code --demo-break} misconfigurations, and {@code /healthz} serving the last
 * report's summary (503 only when asked for).
 */
class HealthCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Outcome(int exit, String out, String err) { }

    private static Outcome health(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HealthCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
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
        assertThat(assertion.get("ficSubject").asText()).isEqualTo(DemoTenant.ROLE_ARN);
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
        Outcome o = health("--demo", "--demo-break=secret-expiring");

        assertThat(o.exit()).as(o.out()).isZero();
        assertThat(o.out()).startsWith("Entra Agent Bridge credential health: WARN").contains("[WARN] credential-expiry");
    }

    @Test
    void usageErrorsExitTwoAndNameTheProblem() {
        assertThat(health("--demo-break=fic-subject").exit()).isEqualTo(HealthCommand.USAGE);
        Outcome unknown = health("--demo", "--demo-break=everything");

        assertThat(unknown.exit()).isEqualTo(HealthCommand.USAGE);
        assertThat(unknown.err()).contains("--demo-break 'everything': use one of fic-subject");
        assertThat(health("--nope").err()).contains("unknown argument '--nope'");
    }

    @Test
    void missingConfigurationExitsTwoNamingTheVariable() {
        Outcome o = health();

        assertThat(o.exit()).isEqualTo(HealthCommand.USAGE);
        assertThat(o.err()).startsWith("configuration error: ").contains("ENTRA_TENANT_ID");
    }

    @Test
    void aBrokenDemoServesTheFailingSummaryAndStaysLive() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--demo", "--port", "0",
                "--demo-break=agent-disabled"), Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            JsonNode healthz = awaitCredentialStatus(sidecar.server().baseUrl(), 200);

            assertThat(healthz.at("/health/credential/status").asText()).isEqualTo("fail");
            assertThat(healthz.at("/health/credential/checks/token-exchange").asText()).isEqualTo("fail");
            assertThat(healthz.get("status").asText()).isEqualTo("Healthy");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--demo-break=agent-disabled");
        }
    }

    @Test
    void withFailHealthzTheBrokenDemoAnswers503() throws Exception {
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--demo", "--port", "0",
                "--demo-break=fic-audience"), Map.of("BRIDGE_HEALTH_FAIL_HEALTHZ", "true"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            JsonNode healthz = awaitCredentialStatus(sidecar.server().baseUrl(), 503);

            assertThat(healthz.get("status").asText()).isEqualTo("Unhealthy");
            assertThat(healthz.at("/health/credential/checks/token-exchange").asText()).isEqualTo("fail");
        }
    }

    @Test
    void withTheScheduleOffHealthzIsLivenessOnly() throws Exception {
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--demo", "--port", "0"),
                Map.of("BRIDGE_HEALTH_INTERVAL_SECONDS", "0"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sidecar.server().baseUrl() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).has("health")).isFalse();
        }
    }

    /** Polls /healthz until the first background run has reported, then checks the status code. */
    private static JsonNode awaitCredentialStatus(URI base, int expectedStatus) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (!"pending".equals(body.at("/health/credential/status").asText())) {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
                return body;
            }
            assertThat(Instant.now()).as("a health report within 30 s").isBefore(deadline);
            Thread.sleep(Duration.ofMillis(200).toMillis());
        }
    }
}
