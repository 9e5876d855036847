package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.config.BridgeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bicep template's function app against the code it deploys: every app setting is read by the bridge or by
 * the Functions host, none is a key, the timer's schedule setting is there, the core accepts the configuration,
 * the plan is Flex Consumption on Java 21, and the outputs are the values the federated credential needs.
 */
class AzureAppSettingsTest {

    private static final CodeSettings AZURE_SETTINGS = CodeSettings.of("dev/entrabridge/azure");
    /**
     * Read by the Functions host, not the bridge: its identity-based storage connection ({@code <connection>__…},
     * where the connection is the one the functions' bindings name) and Application Insights with Entra auth.
     */
    private static final Set<String> HOST_CONNECTION_KEYS = Set.of("accountName", "credential", "clientId",
            "blobServiceUri", "queueServiceUri");
    private static final Set<String> HOST_SETTINGS = Set.of("APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

    @TempDir
    Path broken;

    static List<String> unreadSettings(BicepTemplate template) {
        List<String> problems = new ArrayList<>();
        template.appSettings().keySet().forEach(name -> {
            int sep = name.indexOf("__");
            boolean hostConnection = sep > 0 && AZURE_SETTINGS.constants().contains(name.substring(0, sep))
                    && HOST_CONNECTION_KEYS.contains(name.substring(sep + 2));
            if (!AZURE_SETTINGS.reads(name) && !hostConnection && !HOST_SETTINGS.contains(name)) {
                problems.add(name + " is read by neither the Function app's code nor the Functions host");
            }
        });
        return problems;
    }

    @Test
    void everyAppSettingIsReadByTheCodeOrTheHost() {
        assertThat(unreadSettings(BicepTemplate.read(Repository.bicepTemplate()))).isEmpty();
    }

    @Test
    void anAppSettingTheCodeNeverReadsIsFound() {
        Path copy = Templates.brokenCopy(Repository.bicepTemplate(), broken, "name: 'BRIDGE_MANAGED_IDENTITY_CLIENT_ID'",
                "name: 'BRIDGE_MANAGED_IDENTITY_ID'");

        assertThat(unreadSettings(BicepTemplate.read(copy)))
                .containsExactly("BRIDGE_MANAGED_IDENTITY_ID is read by neither the Function app's code nor the Functions host");
    }

    @Test
    void noSettingIsAKeyAndStorageIsReachedByTheIdentity() {
        BicepTemplate template = BicepTemplate.read(Repository.bicepTemplate());
        Map<String, String> settings = template.appSettings();

        assertThat(settings).doesNotContainKey("AzureWebJobsStorage")
                .containsEntry("AzureWebJobsStorage__credential", "managedidentity")
                .containsEntry("AzureWebJobsStorage__clientId", "[identity.properties.clientId]")
                .containsEntry("BRIDGE_MANAGED_IDENTITY_CLIENT_ID", "[identity.properties.clientId]")
                .containsEntry("BRIDGE_CREDENTIAL_SOURCE", "managed-identity");
        assertThat(settings.values()).noneMatch(v -> v.contains("AccountKey") || v.contains("SharedAccessSignature")
                || v.contains("listKeys"));
        assertThat(template.resource("storage").path("body").path("properties").path("allowSharedKeyAccess").asBoolean(true))
                .isFalse();
        assertThat(template.resource("insights").path("body").path("properties").path("DisableLocalAuth").asBoolean()).isTrue();
    }

    @Test
    void theTimersScheduleSettingIsThereWithTheFunctionAppsDefault() throws Exception {
        BicepTemplate template = BicepTemplate.read(Repository.bicepTemplate());
        JsonNode example = Templates.json(Templates.read(Repository.root().resolve("functions-azure/local.settings.json.example")));

        assertThat(template.appSettings()).containsEntry("BRIDGE_HEALTH_SCHEDULE", "[healthSchedule]");
        assertThat(template.parameters().path("healthSchedule").path("default").asText())
                .isEqualTo(example.path("Values").path("BRIDGE_HEALTH_SCHEDULE").asText()).isEqualTo("0 */15 * * * *");
    }

    @Test
    void theAppRunsJava21OnFlexConsumptionWithoutTheSettingThatPlanRefuses() {
        BicepTemplate template = BicepTemplate.read(Repository.bicepTemplate());
        JsonNode app = template.resource("app").path("body");
        JsonNode plan = template.resource("plan").path("body");

        assertThat(plan.path("sku").path("name").asText()).isEqualTo("FC1");
        assertThat(plan.path("sku").path("tier").asText()).isEqualTo("FlexConsumption");
        assertThat(app.path("kind").asText()).isEqualTo("functionapp,linux");
        assertThat(app.path("properties").path("functionAppConfig").path("runtime").path("name").asText()).isEqualTo("java");
        assertThat(app.path("properties").path("functionAppConfig").path("runtime").path("version").asText()).isEqualTo("21");
        assertThat(app.path("identity").path("type").asText()).isEqualTo("UserAssigned");
        // Flex Consumption takes the language from functionAppConfig and refuses the app setting.
        assertThat(template.appSettings()).doesNotContainKeys("FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION");
    }

    @Test
    void theBridgeSettingsAreAConfigurationTheCoreAccepts() {
        BicepTemplate template = BicepTemplate.read(Repository.bicepTemplate());
        // What an operator passes for the parameters without a default, and what the platform sets.
        Map<String, String> answers = Map.of(
                "entraTenantId", "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a",
                "entraBlueprintClientId", "b1e9c0de-0000-4000-8000-00000000b1e9",
                "bridgeAgents", "mail-agent=a9e17001-0000-4000-8000-0000000a9e17",
                "bridgeCallers", "{\"trustedIssuers\":[{\"issuer\":\"https://token.actions.githubusercontent.com\","
                        + "\"audiences\":[\"api://entra-agent-bridge\"]}]}",
                "identity.properties.clientId", "3c1d0000-0000-4000-8000-00000000a1d1");
        Map<String, String> env = new LinkedHashMap<>();
        template.appSettings().forEach((name, value) -> env.put(name, resolve(template, value, answers)));
        env.put("IDENTITY_ENDPOINT", "http://localhost:8081/msi/token");

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.credential().kind().configName()).isEqualTo("managed-identity");
        assertThat(config.credential().managedIdentityClientId()).contains("3c1d0000-0000-4000-8000-00000000a1d1");
        assertThat(config.api("graph")).isPresent();
        assertThat(config.callers().path("trustedIssuers").size()).isEqualTo(1);
    }

    @Test
    void theOutputsAreTheFederatedCredentialsSubjectAndIssuer() {
        assertThat(BicepTemplate.read(Repository.bicepTemplate()).outputs()).contains("identityPrincipalId", "identityIssuer");
    }

    /** A literal as written; "[param]" as the parameter's default or the answer; "[expression]" as its answer. */
    private static String resolve(BicepTemplate template, String value, Map<String, String> answers) {
        if (!value.startsWith("[") || !value.endsWith("]")) {
            return value;
        }
        String expression = value.substring(1, value.length() - 1);
        if (answers.containsKey(expression)) {
            return answers.get(expression);
        }
        JsonNode parameter = template.parameters().path(expression);
        if (parameter.has("default") && !parameter.path("default").asText().startsWith("[")) {
            return parameter.path("default").asText();
        }
        return "sample-" + expression;
    }
}
