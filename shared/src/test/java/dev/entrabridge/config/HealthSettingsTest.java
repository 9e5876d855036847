package dev.entrabridge.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The health settings are read like every other setting: environment first, then the file's {@code health}. */
class HealthSettingsTest {

    private static HealthSettings health(String name, String value) {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put(name, value);
        return BridgeConfig.fromEnvironment(env).health();
    }

    @Test
    void settingsDefaultAndValidate() {
        assertThat(BridgeConfig.fromEnvironment(BridgeConfigTest.minimal()).health()).isEqualTo(HealthSettings.DEFAULTS);
        assertThat(health("BRIDGE_HEALTH_FAIL_HEALTHZ", "true").failHealthz()).isTrue();
        assertThat(health("BRIDGE_HEALTH_INTERVAL_SECONDS", "0").scheduled()).isFalse();
        assertThat(health("BRIDGE_HEALTH_INTERVAL_SECONDS", "60").interval()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> health("BRIDGE_HEALTH_BUDGET_SECONDS", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BRIDGE_HEALTH_BUDGET_SECONDS").hasMessageContaining("outside 1..300");
        assertThatThrownBy(() -> health("BRIDGE_HEALTH_EXPIRY_WARN_DAYS", "5"))
                .hasMessageContaining("BRIDGE_HEALTH_EXPIRY_FAIL_DAYS");
        assertThatThrownBy(() -> health("BRIDGE_HEALTH_RETRY_SECONDS", "15"))
                .hasMessageContaining("at most half of BRIDGE_HEALTH_BUDGET_SECONDS");
        assertThatThrownBy(() -> health("BRIDGE_HEALTH_GRAPH", "maybe"))
                .hasMessageContaining("BRIDGE_HEALTH_GRAPH").hasMessageContaining("set it to true or false");
        assertThatThrownBy(() -> health("BRIDGE_HEALTH_INTERVAL_SECONDS", "5"))
                .hasMessageContaining("BRIDGE_HEALTH_INTERVAL_SECONDS").hasMessageContaining("set 0 (off)");
    }

    @Test
    void theConfigurationFileSetsThemAndTheEnvironmentWins(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bridge.json"), "{\"health\":{\"budgetSeconds\":40,\"graph\":false,"
                + "\"expiryWarnDays\":60,\"expiryFailDays\":14,\"failHealthz\":true,\"retrySeconds\":10,"
                + "\"intervalSeconds\":0}}");
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_CONFIG_FILE", file.toString());

        HealthSettings fromFile = BridgeConfig.fromEnvironment(env).health();
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "120");
        HealthSettings overridden = BridgeConfig.fromEnvironment(env).health();

        assertThat(fromFile).isEqualTo(new HealthSettings(Duration.ofSeconds(40), false, Duration.ofDays(60),
                Duration.ofDays(14), true, Duration.ofSeconds(10), Duration.ZERO));
        assertThat(overridden.interval()).isEqualTo(Duration.ofMinutes(2));
        Files.writeString(file, "{\"health\":{\"intervalSeconds\":3}}");
        env.remove("BRIDGE_HEALTH_INTERVAL_SECONDS");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("BRIDGE_CONFIG_FILE field /health/intervalSeconds is 3");
    }
}
