package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Function App as the Maven plugin staged it in {@code package} (this runs in {@code integration-test},
 * after it): one {@code function.json} per function with the bindings, routes, methods and auth level the host
 * will use, the timer's schedule left to the {@code BRIDGE_HEALTH_SCHEDULE} app setting, and the staging folder
 * free of emulators and test code.
 */
class FunctionJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STAGED = Path.of("target", "azure-functions", "entra-agent-bridge");
    private static final Map<String, List<String>> HTTP_ROUTES = Map.of(
            "AuthorizationHeaderUnauthenticated", List.of("AuthorizationHeaderUnauthenticated/{api}", "GET"),
            "AuthorizationHeader", List.of("AuthorizationHeader/{api}", "GET"),
            "DownstreamApiUnauthenticated", List.of("DownstreamApiUnauthenticated/{api}", "POST"),
            "DownstreamApi", List.of("DownstreamApi/{api}", "POST"),
            "Validate", List.of("Validate", "GET"),
            "token", List.of("token", "POST"),
            "healthz", List.of("healthz", "GET"),
            "openapi", List.of("openapi/v1.json", "GET"),
            "health", List.of("health", "GET"));

    private static Map<String, JsonNode> functions;

    @BeforeAll
    static void readStagedApp() throws IOException {
        functions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("target", "azure-functions"))) {
            files.filter(p -> p.getFileName().toString().equals("function.json")).forEach(p -> {
                try {
                    functions.put(p.getParent().getFileName().toString(), JSON.readTree(p.toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void everyFunctionIsStagedAndNothingElse() {
        assertThat(functions.keySet()).containsExactlyInAnyOrder("AuthorizationHeaderUnauthenticated", "AuthorizationHeader",
                "DownstreamApiUnauthenticated", "DownstreamApi", "Validate", "token", "healthz", "openapi", "health",
                "credential-health");
        functions.values().forEach(f -> assertThat(f.get("scriptFile").asText()).matches("\\.\\./functions-azure-.*\\.jar"));
    }

    @Test
    void httpFunctionsTakeBinaryBodiesBehindAFunctionKeyOnTheirOwnRouteAndMethod() {
        HTTP_ROUTES.forEach((name, routeAndMethod) -> {
            JsonNode trigger = binding(name, "httpTrigger");
            assertThat(trigger.get("direction").asText()).isEqualTo("in");
            assertThat(trigger.get("route").asText()).as(name).isEqualTo(routeAndMethod.get(0));
            assertThat(trigger.get("methods")).as(name).hasSize(1);
            assertThat(trigger.get("methods").get(0).asText()).as(name).isEqualTo(routeAndMethod.get(1));
            assertThat(trigger.get("authLevel").asText()).as(name).isEqualTo("FUNCTION");
            assertThat(trigger.get("dataType").asText()).as(name).isEqualTo("binary");
            assertThat(binding(name, "http").get("name").asText()).isEqualTo("$return");
            assertThat(functions.get(name).get("entryPoint").asText()).startsWith("dev.entrabridge.azure.");
        });
    }

    @Test
    void theTimerIsScheduledByTheAppSettingAndWritesTheReportWhereHealthReadsIt() {
        JsonNode timer = binding("credential-health", "timerTrigger");
        assertThat(timer.get("schedule").asText()).isEqualTo("%BRIDGE_HEALTH_SCHEDULE%");
        assertThat(timer.has("runOnStartup")).isFalse();

        JsonNode written = binding("credential-health", "blob");
        JsonNode read = binding("health", "blob");
        assertThat(written.get("direction").asText()).isEqualTo("out");
        assertThat(read.get("direction").asText()).isEqualTo("in");
        for (JsonNode blob : List.of(written, read)) {
            assertThat(blob.get("path").asText()).isEqualTo(CredentialHealthFunctions.REPORT_BLOB);
            assertThat(blob.get("connection").asText()).isEqualTo("AzureWebJobsStorage");
            assertThat(blob.get("dataType").asText()).isEqualTo("string");
        }
        assertThat(functions.get("credential-health").get("bindings")).hasSize(2);
    }

    @Test
    void theStagedAppCarriesTheHostJsonAndNoEmulatorOrTestCode() throws IOException {
        assertThat(JSON.readTree(STAGED.resolve("host.json").toFile()))
                .isEqualTo(JSON.readTree(Path.of("host.json").toFile()));
        try (Stream<Path> lib = Files.list(STAGED.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("emulators-") || n.contains("-tests") || n.startsWith("junit")
                            || n.startsWith("assertj") || n.startsWith("bc"))
                    .anyMatch(n -> n.startsWith("shared-"))
                    .anyMatch(n -> n.startsWith("msal4j-"));
        }
    }

    private static JsonNode binding(String function, String type) {
        JsonNode f = functions.get(function);
        assertThat(f).as("function " + function).isNotNull();
        for (JsonNode b : f.get("bindings")) {
            if (b.get("type").asText().equals(type)) {
                return b;
            }
        }
        throw new AssertionError(function + " has no " + type + " binding: " + f);
    }
}
