package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files the app is deployed with: {@code host.json} (extension bundle, route prefix the adapter strips,
 * timeout above the longest health run) and {@code local.settings.json.example} (every setting, each one a
 * valid value, documented in the README).
 */
class AppFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the host and the platform read, not the bridge's configuration. */
    private static final Set<String> HOST_SETTINGS = Set.of("FUNCTIONS_WORKER_RUNTIME", CredentialHealthFunctions.STORAGE,
            HealthScheduleSetting.NAME);

    @Test
    void hostJsonUsesExtensionBundle4AndTheRoutePrefixTheAdapterStrips() throws IOException {
        JsonNode host = JSON.readTree(Path.of("host.json").toFile());

        assertThat(host.get("version").asText()).isEqualTo("2.0");
        assertThat(host.at("/extensionBundle/id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(host.at("/extensionBundle/version").asText()).isEqualTo("[4.*, 5.0.0)");
        assertThat(host.at("/extensions/http/routePrefix").asText()).isEqualTo(HttpMessages.ROUTE_PREFIX);
        assertThat(host.at("/logging/logLevel/default").asText()).isEqualTo("Information");
        assertThat(host.at("/logging/applicationInsights/samplingSettings/excludedTypes").asText())
                .as("audit and health lines are traces: never sampled away").contains("Trace");
        // The longest health run the configuration allows is 300 s; the host must not cut it off.
        assertThat(Duration.parse("PT" + host.get("functionTimeout").asText().replaceFirst("(\\d+):(\\d+):(\\d+)", "$1H$2M$3S")))
                .isGreaterThan(Duration.ofSeconds(300));
    }

    @Test
    void theExampleSettingsAreAValidConfigurationForTheManagedIdentity() throws IOException {
        Map<String, String> values = exampleValues();

        assertThat(values).containsKeys(HOST_SETTINGS.toArray(String[]::new));
        assertThat(values.get("FUNCTIONS_WORKER_RUNTIME")).isEqualTo("java");
        assertThat(HealthScheduleSetting.problem(values)).isEmpty();
        assertThat(values.get(HealthScheduleSetting.NAME)).isEqualTo(HealthScheduleSetting.DEFAULT);
        BridgeConfig config = BridgeConfig.fromEnvironment(values);
        assertThat(config.credential().kind()).isEqualTo(CredentialSourceKind.MANAGED_IDENTITY);
        assertThat(config.callers().path("trustedIssuers").size()).isEqualTo(1);
        assertThat(config.apis()).containsKey("graph");
    }

    @Test
    void theReadmeDocumentsEverySettingOfTheExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(exampleValues().keySet()).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }

    private static Map<String, String> exampleValues() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        JSON.readTree(Path.of("local.settings.json.example").toFile()).get("Values").fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
