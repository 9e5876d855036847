package dev.entrabridge.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphSettingsTest {

    private static GraphSettings graph(Map<String, String> env) {
        return BridgeConfig.fromEnvironment(env).graph();
    }

    @Test
    void defaultsToPublicGraphWithSendMailOffAndNoExtraPaths() {
        GraphSettings s = graph(BridgeConfigTest.minimal());

        assertThat(s.baseUrl()).isEqualTo(URI.create("https://graph.microsoft.com"));
        assertThat(s.api()).isEmpty();
        assertThat(s.scopes()).containsExactly("https://graph.microsoft.com/.default");
        assertThat(s.maxResultBytes()).isEqualTo(20480);
        assertThat(s.maxResults()).isEqualTo(25);
        assertThat(s.allowedPaths()).isEmpty();
        assertThat(s.sendMailEnabled()).isFalse();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void takesOriginAndScopesFromTheDownstreamApiWhoseScopesAreGraphs() {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("DownstreamApis__mcp__BaseUrl", "https://mcp.example.com/api");
        env.put("DownstreamApis__mcp__Scopes__0", "api://mcp/.default");
        env.put("DownstreamApis__msgraph__BaseUrl", "https://127.0.0.1:8444/v1.0");
        env.put("DownstreamApis__msgraph__Scopes__0", "https://graph.microsoft.com/.default");

        GraphSettings s = graph(env);

        assertThat(s.baseUrl()).isEqualTo(URI.create("https://127.0.0.1:8444"));
        assertThat(s.api()).contains("msgraph");
        assertThat(s.scopes()).containsExactly("https://graph.microsoft.com/.default");
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_GRAPH_BASE_URL", "https://graph.microsoft.us/");
        env.put("BRIDGE_GRAPH_MAX_BYTES", "4096");
        env.put("BRIDGE_GRAPH_MAX_RESULTS", "50");
        env.put("BRIDGE_GRAPH_ALLOWED_PATHS", "users, /groups/ ,organization");
        env.put("BRIDGE_GRAPH_SEND_MAIL", "true");
        env.put("BRIDGE_GRAPH_TIMEOUT_MS", "2500");

        GraphSettings s = graph(env);

        assertThat(s.baseUrl()).isEqualTo(URI.create("https://graph.microsoft.us"));
        assertThat(s.maxResultBytes()).isEqualTo(4096);
        assertThat(s.maxResults()).isEqualTo(50);
        assertThat(s.allowedPaths()).containsExactly("/users", "/groups", "/organization");
        assertThat(s.sendMailEnabled()).isTrue();
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void readsTheConfigFilesGraphObjectAndLetsTheEnvironmentWin(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bridge.json"), "{\"graph\": {\"baseUrl\": \"https://graph.example.com\", "
                + "\"maxBytes\": 2048, \"allowedPaths\": [\"users\", \"groups\"], \"sendMail\": true}}");
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_CONFIG_FILE", file.toString());
        env.put("BRIDGE_GRAPH_SEND_MAIL", "false");

        GraphSettings s = graph(env);

        assertThat(s.baseUrl()).isEqualTo(URI.create("https://graph.example.com"));
        assertThat(s.maxResultBytes()).isEqualTo(2048);
        assertThat(s.allowedPaths()).containsExactly("/users", "/groups");
        assertThat(s.sendMailEnabled()).isFalse();
    }

    @Test
    void refusesValuesWithMessagesNamingTheVariable() {
        assertRefused("BRIDGE_GRAPH_BASE_URL", "http://graph.microsoft.com", "only sent over https");
        assertRefused("BRIDGE_GRAPH_BASE_URL", "https://graph.microsoft.com/v1.0", "has a path");
        assertRefused("BRIDGE_GRAPH_MAX_BYTES", "100", "outside 1024..1048576");
        assertRefused("BRIDGE_GRAPH_MAX_RESULTS", "1000", "outside 1..999");
        assertRefused("BRIDGE_GRAPH_SEND_MAIL", "maybe", "set it to true or false");
        assertRefused("BRIDGE_GRAPH_TIMEOUT_MS", "10", "outside 100..120000");
        assertRefused("BRIDGE_GRAPH_ALLOWED_PATHS", "/", "would allow every Graph GET");
        assertRefused("BRIDGE_GRAPH_ALLOWED_PATHS", "users,/v1.0/groups", "write e.g. /users rather than /v1.0/users");
        assertRefused("BRIDGE_GRAPH_ALLOWED_PATHS", "/beta/users", "names a version");
        assertRefused("BRIDGE_GRAPH_ALLOWED_PATHS", "/users/../applications", "not a plain path prefix");
        assertRefused("BRIDGE_GRAPH_ALLOWED_PATHS", "/users%2F..", "not a plain path prefix");
        assertRefused("BRIDGE_GRAPH_ALLOWED_PATHS", "/users?$top=5", "not a plain path prefix");
    }

    @Test
    void anAllowedPathFromTheFileIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bridge.json"), "{\"graph\": {\"allowedPaths\": [\"..\"]}}");
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_CONFIG_FILE", file.toString());

        assertThatThrownBy(() -> graph(env)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo("BRIDGE_CONFIG_FILE field /graph/allowedPaths"));
    }

    @Test
    void theRecordValidatesWhatTheBuilderIsGiven() {
        GraphSettings d = GraphSettings.defaultsFor(List.of());

        assertThatThrownBy(() -> d.withBaseUrl(URI.create("https://user@graph.microsoft.com"))).hasMessageContaining("https origin");
        assertThatThrownBy(() -> d.withMaxResults(0)).hasMessageContaining("1..999");
        assertThat(d.withBaseUrl(URI.create("https://graph.microsoft.com/")).baseUrl()).hasToString("https://graph.microsoft.com");
        assertThat(new GraphSettings(d.baseUrl(), Optional.empty(), d.scopes(), 1024, 1, List.of("users/"), false,
                Duration.ofSeconds(1)).allowedPaths()).containsExactly("/users");
        assertThat(GraphSettings.isGraphScope("https://graph.microsoft.com/User.Read")).isTrue();
        assertThat(GraphSettings.isGraphScope("https://graph.microsoft.com.evil.example/.default")).isFalse();
    }

    @Test
    void aBuiltConfigKeepsItsGraphSettingsThroughToBuilder() {
        BridgeConfig config = BridgeConfig.fromEnvironment(BridgeConfigTest.minimal());
        GraphSettings custom = config.graph().withSendMailEnabled(true);

        BridgeConfig copy = config.toBuilder().graph(custom).build().withRetry(RetrySettings.DEFAULTS);

        assertThat(copy.graph().sendMailEnabled()).isTrue();
    }

    private static void assertRefused(String variable, String value, String message) {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put(variable, value);
        assertThatThrownBy(() -> graph(env)).as(variable + "=" + value).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + " ").hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(variable));
    }
}
