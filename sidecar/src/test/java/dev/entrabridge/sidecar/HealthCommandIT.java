package dev.entrabridge.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_AWS;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential health check as an operator meets it: the {@code health} command (exit codes,
 * text and JSON) on a deployment configured for the emulated cloud, its misconfigurations, and
 * {@code /healthz} serving the last report's summary (503 only when asked for).
 */
class HealthCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sidecar runs on the system clock, so the emulators do too. */
    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));
    private Map<String, String> env;

    private record Outcome(int exit, String out, String err) { }

    @BeforeEach
    void deployOnAwsSts() {
        // Lets the check compare the blueprint's FICs with the assertion it presents.
        world.cloud().tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
        env = world.bridge().environment(CredentialSourceKind.AWS_STS);
    }

    private Outcome health(String... args) {
        return health(env, args);
    }

    private static Outcome health(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HealthCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void replaceAwsFic(String subject, String audience) {
        EmulatedCloud cloud = world.cloud();
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_AWS)
                .federatedCredential(FIC_AWS, cloud.sts().issuer(), subject, audience);
    }

    @Test
    void aHealthyDeploymentPassesEveryCheck() throws Exception {
        Outcome o = health("--json");

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
        replaceAwsFic(AWS_ROLE_ARN.toLowerCase(java.util.Locale.ROOT), EXCHANGE_AUDIENCE);
        Outcome o = health();

        assertThat(o.exit()).as(o.out()).isEqualTo(HealthCommand.FAILED);
        assertThat(o.out()).startsWith("Entra Agent Bridge credential health: FAIL")
                .contains("[FAIL] token-exchange", "AADSTS7002138", "do: ");
        assertThat(o.out()).doesNotContain("eyJ");
    }

    @Test
    void anExpiringSecretOnlyWarnsSoTheCommandStillSucceeds() {
        world.cloud().tenant().blueprint(BLUEPRINT_APP_ID).secret("soon-ending-secret",
                Instant.now().plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
        Outcome o = health();

        assertThat(o.exit()).as(o.out()).isZero();
        assertThat(o.out()).startsWith("Entra Agent Bridge credential health: WARN").contains("[WARN] credential-expiry");
    }

    @Test
    void usageErrorsExitTwoAndNameTheProblem() {
        // The demo's flags belong to the demo's own jar; the production sidecar does not know them.
        assertThat(health("--demo-break=fic-subject").exit()).isEqualTo(HealthCommand.USAGE);
        assertThat(health("--demo").err()).contains("unknown argument '--demo'");
        assertThat(health("--nope").err()).contains("unknown argument '--nope'");
    }

    @Test
    void missingConfigurationExitsTwoNamingTheVariable() {
        Outcome o = health(Map.of());

        assertThat(o.exit()).isEqualTo(HealthCommand.USAGE);
        assertThat(o.err()).startsWith("configuration error: ").contains("ENTRA_TENANT_ID");
    }

    @Test
    void aBrokenDeploymentServesTheFailingSummaryAndStaysLive() throws Exception {
        world.cloud().tenant().agentIdentity(MAILER_AGENT_APP_ID, BLUEPRINT_APP_ID).enabled(false);
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            JsonNode healthz = awaitCredentialStatus(sidecar.server().baseUrl(), 200);

            assertThat(healthz.at("/health/credential/status").asText()).isEqualTo("fail");
            assertThat(healthz.at("/health/credential/checks/token-exchange").asText()).isEqualTo("fail");
            assertThat(healthz.get("status").asText()).isEqualTo("Healthy");
        }
    }

    @Test
    void withFailHealthzTheBrokenDeploymentAnswers503() throws Exception {
        replaceAwsFic(AWS_ROLE_ARN, "api://AzureADTokenExchangeUSGov");
        env.put("BRIDGE_HEALTH_FAIL_HEALTHZ", "true");
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            JsonNode healthz = awaitCredentialStatus(sidecar.server().baseUrl(), 503);

            assertThat(healthz.get("status").asText()).isEqualTo("Unhealthy");
            assertThat(healthz.at("/health/credential/checks/token-exchange").asText()).isEqualTo("fail");
        }
    }

    @Test
    void withTheScheduleOffHealthzIsLivenessOnly() throws Exception {
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env,
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
