package dev.entrabridge.health;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthSettingsTest {

    @Test
    void settingsDefaultAndValidate() {
        HealthSettings defaults = HealthSettings.from(Map.of());

        assertThat(defaults).isEqualTo(HealthSettings.DEFAULTS);
        assertThat(HealthSettings.from(Map.of("BRIDGE_HEALTH_FAIL_HEALTHZ", "true")).failHealthz()).isTrue();
        assertThatThrownBy(() -> HealthSettings.from(Map.of("BRIDGE_HEALTH_BUDGET_SECONDS", "0")))
                .hasMessageContaining("BRIDGE_HEALTH_BUDGET_SECONDS").hasMessageContaining("from 1 to 300");
        assertThatThrownBy(() -> HealthSettings.from(Map.of("BRIDGE_HEALTH_EXPIRY_WARN_DAYS", "5")))
                .hasMessageContaining("BRIDGE_HEALTH_EXPIRY_FAIL_DAYS");
        assertThatThrownBy(() -> HealthSettings.from(Map.of("BRIDGE_HEALTH_RETRY_SECONDS", "15")))
                .hasMessageContaining("at most half of BRIDGE_HEALTH_BUDGET_SECONDS");
        assertThatThrownBy(() -> HealthSettings.from(Map.of("BRIDGE_HEALTH_GRAPH", "yes")))
                .hasMessageContaining("set true or false");
    }
}
