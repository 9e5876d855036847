package dev.entrabridge.config;

import dev.entrabridge.token.AgentUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeConfigTest {

    private static final String TENANT = "11111111-1111-1111-1111-111111111111";
    private static final String BLUEPRINT = "22222222-2222-2222-2222-222222222222";
    private static final String AGENT = "33333333-3333-3333-3333-333333333333";

    /** The least an operator must set, for the config tests of this package. */
    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("ENTRA_TENANT_ID", TENANT);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", BLUEPRINT);
        env.put("BRIDGE_CREDENTIAL_SOURCE", "aws-sts");
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    @Test
    void readsNativeVariablesWithDefaults() {
        Map<String, String> env = minimal();
        env.put("BRIDGE_AGENTS", "travel=" + AGENT + ", mailer=" + AGENT.replace('3', '6') + ":agent.mailer@contoso.com");

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.tenantId()).isEqualTo(TENANT);
        assertThat(config.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(config.authority()).isEqualTo("https://login.microsoftonline.com/" + TENANT + "/");
        assertThat(config.cloud().exchangeAudience()).isEqualTo("api://AzureADTokenExchange");
        assertThat(config.blueprintClientId()).isEqualTo(BLUEPRINT);
        assertThat(config.credential().kind()).isEqualTo(CredentialSourceKind.AWS_STS);
        assertThat(config.credential().awsRegion()).contains("eu-west-1");
        assertThat(config.credential().stsTokenDurationSeconds()).isEqualTo(300);
        assertThat(config.agents()).containsOnlyKeys("travel", "mailer");
        assertThat(config.agents().get("travel").agentIdentity()).isEqualTo(AGENT);
        assertThat(config.agents().get("travel").agentUser()).isEmpty();
        assertThat(config.agents().get("mailer").agentUser()).contains(AgentUser.byUsername("agent.mailer@contoso.com"));
        assertThat(config.agent(AGENT)).map(AgentDefinition::name).contains("travel");
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.retry().ficPropagationRetry()).isFalse();
        assertThat(config.callers().isMissingNode()).isTrue();
    }

    @Test
    void acceptsTheMicrosoftSidecarNames() {
        Map<String, String> env = new HashMap<>();
        env.put("AzureAd__TenantId", TENANT);
        env.put("AzureAd__ClientId", BLUEPRINT);
        env.put("AzureAd__Instance", "https://login.microsoftonline.com/");
        env.put("AzureAd__ClientCredentials__0__SourceType", "ClientSecret");
        env.put("AzureAd__ClientCredentials__0__ClientSecret", "dev-secret-value");
        env.put("DownstreamApis__Graph__BaseUrl", "https://graph.microsoft.com/v1.0");
        env.put("DownstreamApis__Graph__Scopes__1", "https://graph.microsoft.com/User.Read");
        env.put("DownstreamApis__Graph__Scopes__0", "https://graph.microsoft.com/.default");
        env.put("DownstreamApis__Graph__RelativePath", "/me");
        env.put("DownstreamApis__Graph__HttpMethod", "post");
        env.put("DownstreamApis__Graph__RequestAppToken", "true");
        env.put("DownstreamApis__Graph__AcquireTokenOptions__ForceRefresh", "true");

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.tenantId()).isEqualTo(TENANT);
        assertThat(config.blueprintClientId()).isEqualTo(BLUEPRINT);
        assertThat(config.credential().kind()).isEqualTo(CredentialSourceKind.CLIENT_SECRET);
        assertThat(config.credential().clientSecret()).contains("dev-secret-value");
        assertThat(config.credential().toString()).doesNotContain("dev-secret-value");
        DownstreamApi graph = config.apis().get("Graph");
        assertThat(graph.baseUrl()).isEqualTo(URI.create("https://graph.microsoft.com/v1.0"));
        assertThat(graph.scopes()).containsExactly("https://graph.microsoft.com/.default", "https://graph.microsoft.com/User.Read");
        // RelativePath is the default path, not an allowlist: without AllowedPaths any path below BaseUrl is allowed.
        assertThat(graph.allowedPaths()).isEmpty();
        assertThat(graph.defaults().relativePath()).isEqualTo("/me");
        assertThat(graph.defaults().httpMethod()).isEqualTo("POST");
        assertThat(graph.defaults().requestAppToken()).isTrue();
        assertThat(graph.defaults().forceRefresh()).isTrue();
    }

    @Test
    void refusesTheAcquireTokenOptionsThatWouldChangeTheIdentityOrTokenType() {
        for (String option : List.of("FmiPath", "PopPublicKey", "LongRunningWebApiSessionKey", "ManagedIdentity__UserAssignedClientId")) {
            Map<String, String> env = new HashMap<>(minimal());
            env.put("DownstreamApis__graph__BaseUrl", "https://graph.microsoft.com/v1.0/");
            env.put("DownstreamApis__graph__Scopes__0", "https://graph.microsoft.com/.default");
            env.put("DownstreamApis__graph__AcquireTokenOptions__" + option, "x");

            assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("DownstreamApis__graph__acquiretokenoptions__" + option.toLowerCase(java.util.Locale.ROOT))
                    .hasMessageContaining("remove it");
        }
    }

    @Test
    void readsTheJsonFileAndLetsTheEnvironmentOverrideIt() throws Exception {
        Path file = Path.of(getClass().getResource("/config/bridge-config.json").toURI());
        Map<String, String> env = new HashMap<>();
        env.put("BRIDGE_CONFIG_FILE", file.toString());
        env.put("BRIDGE_STS_TOKEN_DURATION_SECONDS", "600");

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.us"));
        assertThat(config.cloud()).isEqualTo(EntraCloud.US_GOVERNMENT);
        assertThat(config.cloud().exchangeScope()).isEqualTo("api://AzureADTokenExchangeUSGov/.default");
        assertThat(config.credential().awsRegion()).contains("us-gov-west-1");
        assertThat(config.credential().stsTokenDurationSeconds()).isEqualTo(600);
        assertThat(config.agents().get("travel").agentUser())
                .contains(AgentUser.byObjectId(UUID.fromString("44444444-4444-4444-4444-444444444444")));
        assertThat(config.agents().get("hr").agentIdentity()).isEqualTo("55555555-5555-5555-5555-555555555555");
        assertThat(config.apis().get("graph").allowedPaths()).containsExactly("/users", "/me");
        assertThat(config.callers().path("issuers").get(0).asText()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(config.policy().path("rules").get(0).path("agent").asText()).isEqualTo("travel");
    }

    @Test
    void chinaCloudChangesTheExchangeAudience() {
        Map<String, String> env = minimal();
        env.put("ENTRA_AUTHORITY_HOST", "https://login.chinacloudapi.cn");

        assertThat(BridgeConfig.fromEnvironment(env).cloud().exchangeAudience()).isEqualTo("api://AzureADTokenExchangeChina");
    }

    @Test
    void detectsThePlatformWhenNoSourceIsNamed(@TempDir Path dir) throws Exception {
        Map<String, String> lambda = minimal();
        lambda.remove("BRIDGE_CREDENTIAL_SOURCE");
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", "graph-actions");
        assertThat(BridgeConfig.fromEnvironment(lambda).credential().kind()).isEqualTo(CredentialSourceKind.AWS_STS);
        assertThat(BridgeConfig.fromEnvironment(lambda).credential().chosenBy()).contains("AWS_LAMBDA_FUNCTION_NAME");

        Map<String, String> functions = minimal();
        functions.remove("BRIDGE_CREDENTIAL_SOURCE");
        functions.put("IDENTITY_ENDPOINT", "http://127.0.0.1:41741/msi/token");
        functions.put("BRIDGE_MANAGED_IDENTITY_CLIENT_ID", "77777777-7777-7777-7777-777777777777");
        CredentialSettings mi = BridgeConfig.fromEnvironment(functions).credential();
        assertThat(mi.kind()).isEqualTo(CredentialSourceKind.MANAGED_IDENTITY);
        assertThat(mi.managedIdentityClientId()).contains("77777777-7777-7777-7777-777777777777");

        Path token = Files.writeString(dir.resolve("token"), "a.b.c");
        Map<String, String> aks = minimal();
        aks.remove("BRIDGE_CREDENTIAL_SOURCE");
        aks.put("AZURE_FEDERATED_TOKEN_FILE", token.toString());
        CredentialSettings file = BridgeConfig.fromEnvironment(aks).credential();
        assertThat(file.kind()).isEqualTo(CredentialSourceKind.TOKEN_FILE);
        assertThat(file.tokenFile()).contains(token);
    }

    @Test
    void readsTransportRetryAndCacheSettings(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> env = minimal();
        env.put("ENTRA_ENDPOINT_OVERRIDE", "https://127.0.0.1:8443");
        env.put("BRIDGE_TRUSTED_CA_FILE", ca.toString());
        env.put("BRIDGE_HTTP_READ_TIMEOUT_MS", "2500");
        env.put("BRIDGE_RETRY_FIC_PROPAGATION", "true");
        env.put("BRIDGE_RETRY_BUDGET_MS", "1500");
        env.put("BRIDGE_CACHE_MAX_ENTRIES", "50");

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.http().endpointOverride()).contains(URI.create("https://127.0.0.1:8443"));
        assertThat(config.http().trustedCaFile()).contains(ca);
        assertThat(config.http().readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.retry().ficPropagationRetry()).isTrue();
        assertThat(config.retry().budget()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.cacheMaxEntries()).isEqualTo(50);
        assertThat(config.withRetry(config.retry().withFicPropagationRetry(false)).retry().ficPropagationRetry()).isFalse();
    }

    @Test
    void everyErrorNamesTheVariableAndWhatToPut(@TempDir Path dir) {
        List<Object[]> cases = List.of(
                bad(without("ENTRA_TENANT_ID"), "ENTRA_TENANT_ID", "is missing: set it to your tenant's GUID"),
                bad(with("ENTRA_TENANT_ID", "common"), "ENTRA_TENANT_ID", "does not support"),
                bad(without("ENTRA_BLUEPRINT_CLIENT_ID"), "ENTRA_BLUEPRINT_CLIENT_ID", "blueprint's application (client) ID"),
                bad(with("ENTRA_BLUEPRINT_CLIENT_ID", "my-blueprint"), "ENTRA_BLUEPRINT_CLIENT_ID", "not a GUID"),
                bad(with("ENTRA_AUTHORITY_HOST", "http://login.microsoftonline.com"), "ENTRA_AUTHORITY_HOST", "https"),
                bad(with("BRIDGE_CREDENTIAL_SOURCE", "vault"), "BRIDGE_CREDENTIAL_SOURCE", "aws-sts, token-file"),
                bad(without("BRIDGE_CREDENTIAL_SOURCE"), "BRIDGE_CREDENTIAL_SOURCE", "no platform was detected"),
                bad(without("AWS_REGION"), "AWS_REGION", "e.g. us-east-1"),
                bad(with("BRIDGE_STS_TOKEN_DURATION_SECONDS", "7200"), "BRIDGE_STS_TOKEN_DURATION_SECONDS", "60..3600"),
                bad(with("BRIDGE_CREDENTIAL_SOURCE", "token-file"), "AZURE_FEDERATED_TOKEN_FILE", "is missing"),
                bad(with("BRIDGE_CREDENTIAL_SOURCE", "managed-identity"), "BRIDGE_MANAGED_IDENTITY_CLIENT_ID", "user-assigned"),
                bad(with("BRIDGE_CREDENTIAL_SOURCE", "client-secret"), "ENTRA_CLIENT_SECRET", "is missing"),
                bad(with("BRIDGE_CREDENTIAL_SOURCE", "certificate"), "ENTRA_CLIENT_CERTIFICATE_PATH", "PEM or PKCS#12"),
                bad(with("BRIDGE_AGENTS", "travel"), "BRIDGE_AGENTS", "name=<agent identity appId>"),
                bad(with("BRIDGE_AGENTS", "travel=not-a-guid"), "BRIDGE_AGENTS", "agent identity's appId"),
                bad(with("DownstreamApis__graph__Scopes__0", "https://graph.microsoft.com/.default"),
                        "DownstreamApis__graph__BaseUrl", "is missing"),
                bad(with("DownstreamApis__graph__BaseUrl", "https://graph.microsoft.com"),
                        "DownstreamApis__graph__Scopes__0", "is missing"),
                bad(with("ENTRA_ENDPOINT_OVERRIDE", "https://127.0.0.1:8443/tenant"), "ENTRA_ENDPOINT_OVERRIDE", "has a path"),
                bad(with("BRIDGE_TRUSTED_CA_FILE", dir.resolve("absent.pem").toString()), "BRIDGE_TRUSTED_CA_FILE", "not a readable file"),
                bad(with("BRIDGE_RETRY_FIC_PROPAGATION", "maybe"), "BRIDGE_RETRY_FIC_PROPAGATION", "true or false"),
                bad(with("BRIDGE_CALLERS", "{oops"), "BRIDGE_CALLERS", "not valid JSON"),
                bad(with("BRIDGE_CONFIG_FILE", dir.resolve("absent.json").toString()), "BRIDGE_CONFIG_FILE", "not a readable file"));

        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) c[0];
            assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env))
                    .as("expected an error naming %s", c[1])
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(c[1]))
                    .hasMessageStartingWith((String) c[1])
                    .hasMessageContaining((String) c[2]);
        }
    }

    @Test
    void fileErrorsNameTheField(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"tenantId\":\"" + TENANT + "\",\"blueprintClientId\":\""
                + BLUEPRINT + "\",\"credential\":{\"source\":\"aws-sts\",\"awsRegion\":\"us-east-1\"},"
                + "\"agents\":{\"travel\":{\"agentUserId\":\"x\"}}}");

        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(Map.of("BRIDGE_CONFIG_FILE", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("BRIDGE_CONFIG_FILE field /agents/travel/agentIdentity is missing: set it to the agent identity's appId");
    }

    @Test
    void builderDefaultsAreUsable() {
        BridgeConfig config = BridgeConfig.builder().tenantId(TENANT).blueprintClientId(BLUEPRINT)
                .credential(CredentialSettings.of(CredentialSourceKind.GCP_METADATA))
                .agent(new AgentDefinition("a", AGENT, Optional.empty())).build();

        assertThat(config.credential().gcpMetadataHost()).isEqualTo(URI.create("http://metadata.google.internal"));
        assertThat(config.cacheMaxEntries()).isEqualTo(1000);
        assertThat(config.agent("a")).isPresent();
        assertThat(config.agent("b")).isEmpty();
    }

    private static Object[] bad(Map<String, String> env, String variable, String text) {
        return new Object[] {env, variable, text};
    }

    private static Map<String, String> without(String name) {
        Map<String, String> env = minimal();
        env.remove(name);
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = minimal();
        env.put(name, value);
        return env;
    }
}
