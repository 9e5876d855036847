package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.ConfigException;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_MANAGED_IDENTITY;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The credential-health timer on the emulated cloud with the app's managed identity: what a healthy and a
 * failing (FIC mismatch) run log for Application Insights and store, and {@code GET /api/health} serving that
 * stored report from another instance, which runs no check of its own.
 */
class CredentialHealthTimerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));

    private EmulatedCloud cloud;
    private EmulatedFunctionApp app;

    @BeforeEach
    void deploy() {
        cloud = world.cloud();
        // Lets the blueprint read its own FICs, so the run compares them with the assertion.
        cloud.tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
        app = new EmulatedFunctionApp(world.bridge());
    }

    @AfterEach
    void undeploy() {
        app.close();
    }

    @Test
    void aHealthyRunLogsOneLinePerCheckAndTheReportAndAnotherInstanceServesIt() throws IOException {
        FakeExecutionContext context = new FakeExecutionContext("credential-health");

        app.host().timer("credential-health", context);

        List<JsonNode> checks = events(context, "credential_health");
        assertThat(checks).extracting(n -> n.get("check").asText()).containsExactly("configuration", "assertion",
                "issuer-discovery", "token-exchange", "federated-credential", "credential-expiry", "clock-skew", "overall");
        assertThat(checks).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("pass"))
                .allSatisfy(n -> assertThat(n.get("failed").asInt()).isZero());
        JsonNode report = report(context);
        assertThat(report.get("status").asText()).isEqualTo("pass");
        assertThat(evidence(report, "assertion").get("ficSubject").asText()).isEqualTo(EmulatedCloud.MI_PRINCIPAL_ID);
        assertThat(context.lines()).allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.INFO));
        assertThat(JSON.readTree(app.storage.get(CredentialHealthFunctions.REPORT_BLOB))).isEqualTo(report);

        int entraRequests = cloud.entra().tokenRequests().size();
        FakeHttpResponse served = otherInstance().http("GET", EmulatedFunctionApp.BASE_URL + "/api/health", app.asCaller(), null);

        assertThat(served.getStatusCode()).as(served.bodyText()).isEqualTo(200);
        JsonNode body = JSON.readTree(served.bodyText());
        assertThat(body.get("startedAt")).isEqualTo(report.get("startedAt"));
        assertThat(body.get("checks")).isEqualTo(report.get("checks"));
        assertThat(body.get("ageSeconds").asLong()).isBetween(0L, 60L);
        assertThat(cloud.entra().tokenRequests()).as("the serving instance ran no check").hasSize(entraRequests);
    }

    @Test
    void aFicMismatchFailsTheRunWithEntrasDiagnosisAndHealthSays503() throws IOException {
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_MANAGED_IDENTITY);
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredential(FIC_MANAGED_IDENTITY,
                cloud.entra().issuer(TENANT_ID), EmulatedCloud.MI_CLIENT_ID, EXCHANGE_AUDIENCE);
        FakeExecutionContext context = new FakeExecutionContext("credential-health");

        app.host().timer("credential-health", context);

        Map<String, JsonNode> byCheck = new java.util.LinkedHashMap<>();
        events(context, "credential_health").forEach(n -> byCheck.put(n.get("check").asText(), n));
        assertThat(byCheck.get("overall").get("status").asText()).isEqualTo("fail");
        // No FIC with that subject: Entra answers AADSTS70021 (700213 when only the subject differs, e.g. in case).
        assertThat(byCheck.get("token-exchange").get("diagnosisCode").asText()).isIn("AADSTS70021", "AADSTS700213");
        assertThat(byCheck.get("federated-credential").get("status").asText()).isEqualTo("fail");
        assertThat(byCheck.get("assertion").get("status").asText()).isEqualTo("pass");
        assertThat(context.lines()).allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.SEVERE));
        JsonNode fic = check(report(context), "federated-credential");
        assertThat(fic.path("diagnosis").path("remedy").asText()).isNotBlank();

        FakeHttpResponse served = otherInstance().http("GET", EmulatedFunctionApp.BASE_URL + "/api/health", app.asCaller(), null);
        assertThat(served.getStatusCode()).isEqualTo(503);
        assertThat(JSON.readTree(served.bodyText()).get("status").asText()).isEqualTo("fail");
    }

    @Test
    void healthNeedsAnAuthenticatedCallerAndSaysWhenNoReportExistsYet() throws IOException {
        FunctionHost host = app.host();

        FakeHttpResponse anonymous = host.http("GET", EmulatedFunctionApp.BASE_URL + "/api/health", Map.of(), null);
        FakeHttpResponse pending = host.http("GET", EmulatedFunctionApp.BASE_URL + "/api/health", app.asCaller(), null);

        assertThat(anonymous.getStatusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.bodyText()).get("code").asText()).isEqualTo("BRIDGE_UNAUTHENTICATED");
        assertThat(pending.getStatusCode()).isEqualTo(503);
        assertThat(JSON.readTree(pending.bodyText()).get("code").asText()).isEqualTo("BRIDGE_HEALTH_PENDING");
        assertThat(pending.getHeader("Retry-After")).isEqualTo("60");
    }

    @Test
    void aMisconfiguredAppRefusesEveryRequestWithoutSayingWhyAndTheTimerNamesTheSetting() throws IOException {
        app.env.remove("BRIDGE_CALLERS");
        FunctionHost host = app.host();
        FakeExecutionContext context = new FakeExecutionContext("credential-health");

        FakeHttpResponse first = host.http("GET", EmulatedFunctionApp.BASE_URL + "/api/healthz", app.asCaller(), null);
        FakeHttpResponse second = host.http("GET", EmulatedFunctionApp.BASE_URL + "/api/health", app.asCaller(), null);

        for (FakeHttpResponse r : List.of(first, second)) {
            assertThat(r.getStatusCode()).isEqualTo(503);
            assertThat(JSON.readTree(r.bodyText()).get("code").asText()).isEqualTo("BRIDGE_MISCONFIGURED");
            assertThat(r.bodyText()).doesNotContain("BRIDGE_CALLERS");
        }
        assertThatThrownBy(() -> host.timer("credential-health", context)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("BRIDGE_CALLERS");
        assertThat(context.lines()).singleElement().satisfies(l -> {
            assertThat(l.level()).isEqualTo(Level.SEVERE);
            assertThat(l.text()).contains("\"setting\":\"BRIDGE_CALLERS\"");
        });
        assertThat(app.runtimesBuilt).as("a configuration error is kept, not rebuilt per invocation").hasValue(1);
    }

    /** Another instance of the app: its own worker and runtime, the same storage account. */
    private FunctionHost otherInstance() {
        return app.host();
    }

    private static List<JsonNode> events(FakeExecutionContext context, String event) {
        return context.lines().stream().map(l -> parse(l.text())).filter(n -> event.equals(n.path("event").asText())).toList();
    }

    private static JsonNode report(FakeExecutionContext context) {
        return context.lines().stream().map(l -> parse(l.text())).filter(n -> n.has("checks") && n.has("versions"))
                .findFirst().orElseThrow(() -> new AssertionError("no report logged: " + context.lines()));
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    private static JsonNode evidence(JsonNode report, String name) {
        return check(report, name).get("evidence");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
