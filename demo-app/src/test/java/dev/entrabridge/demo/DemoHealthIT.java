package dev.entrabridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.sidecar.HealthCommand;
import dev.entrabridge.sidecar.SidecarOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's world under the credential health check: {@code ./demo health} passes, and each
 * {@code --demo-break} misconfiguration is the one the report names, so an operator sees in the demo
 * what they would meet in production; a broken demo says so when it starts.
 */
class DemoHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Outcome(int exit, String out, String err) { }

    /** {@code ./demo health ARGS} as {@code main} runs it, without ending the JVM. */
    private static Outcome health(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "health";
        System.arraycopy(args, 0, all, 1, args.length);
        try {
            int exit = DemoMain.health(DemoOptions.parse(all), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Outcome(HealthCommand.USAGE, "", e.getMessage());
        }
    }

    @Test
    void theDemoPassesWithTheRoleAsItsFicSubject() throws Exception {
        Outcome o = health("--demo", "--json");

        JsonNode report = JSON.readTree(o.out());
        assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(HealthCommand.PASSED);
        assertThat(report.get("status").asText()).as(o.out()).isEqualTo("pass");
        assertThat(report.at("/checks/1/evidence/ficSubject").asText()).isEqualTo(AWS_ROLE_ARN);
    }

    @ParameterizedTest(name = "--demo-break={0}")
    @CsvSource({
        "fic-subject,         1, token-exchange,   fail, AADSTS7002138",
        "fic-issuer,          1, token-exchange,   fail, AADSTS700211",
        "fic-audience,        1, token-exchange,   fail, AADSTS700212",
        "federation-disabled, 1, assertion,        fail, OutboundWebIdentityFederationDisabledException",
        "agent-disabled,      1, token-exchange,   fail, AADSTS7000112",
        "secret-expiring,     0, credential-expiry, warn, BRIDGE_CREDENTIAL_EXPIRY"})
    void eachBreakIsTheMisconfigurationTheReportNames(String breakage, int exit, String check, String status,
                                                      String code) throws Exception {
        Outcome o = health("--demo-break=" + breakage, "--json");

        JsonNode named = findCheck(JSON.readTree(o.out()), check);
        assertThat(o.exit()).as(o.out() + o.err()).isEqualTo(exit);
        assertThat(named.get("status").asText()).as(named.toString()).isEqualTo(status);
        assertThat(named.at("/diagnosis/code").asText()).as(named.toString()).isEqualTo(code);
        assertThat(o.out()).doesNotContain("eyJ");
    }

    @Test
    void anUnknownBreakIsAUsageErrorListingTheKnownOnes() {
        Outcome unknown = health("--demo-break=everything");

        assertThat(unknown.exit()).isEqualTo(HealthCommand.USAGE);
        assertThat(unknown.err()).contains("--demo-break 'everything': use one of fic-subject");
    }

    @Test
    void aBrokenDemoSaysWhatIsBrokenAndTheSidecarMeetsIt() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoOptions options = DemoOptions.parse("--port", "0", "--demo-break=agent-disabled");
        SidecarOptions sidecar = SidecarOptions.parse(options.passedOn().toArray(String[]::new));
        try (DemoMain.Running demo = DemoMain.start(options, sidecar, Map.of(),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            URI token = URI.create(demo.baseUrl() + "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent");
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(token).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                    "Deliberately broken (--demo-break=agent-disabled)", "the mail-agent identity is disabled",
                    demo.baseUrl() + "/healthz shows the failing report");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.body()).contains("AADSTS7000112");
        }
    }

    private static JsonNode findCheck(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("check").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }
}
