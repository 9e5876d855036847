package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_AWS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled health handler under the real runtime interface client: each run writes one CloudWatch
 * EMF line per check and one overall, then the JSON report as one line, on stdout where Lambda ships it
 * to CloudWatch Logs; a broken federated credential makes the overall {@code CheckFailed} metric 1 —
 * what the alarm watches — without failing the invocation, which the schedule would retry.
 */
class ScheduledHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.clock(Clock.systemUTC()));

    private static LambdaUnderTest lambda;

    @BeforeAll
    static void start() {
        // Lets the check compare the blueprint's federated credentials with the assertion, as infra grants it.
        WORLD.cloud().tenant().grantAppRoles(BLUEPRINT_APP_ID, EmulatedCloud.GRAPH, "AgentIdentityBlueprint.Read.All");
        Map<String, String> env = WORLD.bridge().environment(CredentialSourceKind.AWS_STS);
        // A mismatch is reported at once instead of retried as if the credential were still propagating.
        env.put("BRIDGE_HEALTH_RETRY_SECONDS", "0");
        lambda = LambdaUnderTest.start("dev.entrabridge.lambda.ScheduledHealthHandler::handleRequest", env);
    }

    @AfterAll
    static void stop() {
        lambda.assertLoggedNoSecret();
        lambda.close();
    }

    @Test
    void aHealthyDeploymentReportsNoFailedCheck() {
        int before = lambda.runtime().stdout().size();
        JsonNode summary = lambda.answer(Events.read("scheduled/scheduler.json"));

        assertThat(summary.get("status").asText()).as(summary.toString()).isIn("pass", "warn");
        List<JsonNode> lines = linesAfter(before, summary.get("checks").size() + 2);
        JsonNode overall = metric(lines, "overall");
        assertThat(overall.get("CheckFailed").asInt()).isZero();
        assertThat(overall.get("Service").asText()).isEqualTo("entra-agent-bridge");
        JsonNode directive = overall.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("EntraAgentBridge");
        assertThat(directive.get("Dimensions").get(0).toString()).isEqualTo("[\"Service\",\"Check\"]");
        JsonNode report = lines.get(lines.size() - 1);
        assertThat(report.get("status").asText()).isEqualTo(summary.get("status").asText());
        assertThat(report.get("checks").findValuesAsText("check")).contains("token-exchange", "federated-credential");
    }

    @Test
    void aBrokenFederatedCredentialSetsTheMetricTheAlarmWatches() {
        WORLD.cloud().tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_AWS)
                .federatedCredential(FIC_AWS, WORLD.cloud().sts().issuer(), AWS_ROLE_ARN.toLowerCase(java.util.Locale.ROOT),
                        EXCHANGE_AUDIENCE);
        try {
            int before = lambda.runtime().stdout().size();
            JsonNode summary = lambda.answer(Events.read("scheduled/eventbridge-rule.json"));

            assertThat(summary.get("status").asText()).isEqualTo("fail");
            List<JsonNode> lines = linesAfter(before, summary.get("checks").size() + 2);
            assertThat(metric(lines, "overall").get("CheckFailed").asInt()).isEqualTo(1);
            assertThat(metric(lines, "token-exchange").get("CheckFailed").asInt()).isEqualTo(1);
            JsonNode report = lines.get(lines.size() - 1);
            assertThat(report.toString()).contains("AADSTS70021");
        } finally {
            WORLD.cloud().tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_AWS)
                    .federatedCredential(FIC_AWS, WORLD.cloud().sts().issuer(), AWS_ROLE_ARN, EXCHANGE_AUDIENCE);
        }
    }

    /**
     * The JSON lines the run wrote on stdout after line {@code from}: {@code count} of them, waited for,
     * since the runtime's output is read on its own thread.
     */
    private static List<JsonNode> linesAfter(int from, int count) {
        long deadline = System.nanoTime() + LambdaUnderTest.WAIT.toNanos();
        List<JsonNode> json = new ArrayList<>();
        while (json.size() < count && System.nanoTime() < deadline) {
            json.clear();
            List<String> stdout = lambda.runtime().stdout();
            for (String line : stdout.subList(from, stdout.size())) {
                if (line.startsWith("{") && !line.contains("\"event\":\"agent_token\"")) {
                    json.add(parse(line));
                }
            }
            if (json.size() < count) {
                pause();
            }
        }
        assertThat(json).as("the run's metric and report lines").hasSize(count);
        return json;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode metric(List<JsonNode> lines, String check) {
        return lines.stream().filter(l -> l.has("_aws") && check.equals(l.path("Check").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no EMF line for " + check + " in " + lines));
    }
}
