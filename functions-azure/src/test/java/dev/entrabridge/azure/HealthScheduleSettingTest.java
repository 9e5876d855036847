package dev.entrabridge.azure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthScheduleSettingTest {

    @Test
    void theDefaultAndOtherSixFieldExpressionsAndTimeSpansAreUsable() {
        assertThat(HealthScheduleSetting.problem(Map.of("BRIDGE_HEALTH_SCHEDULE", HealthScheduleSetting.DEFAULT))).isEmpty();
        assertThat(HealthScheduleSetting.problem(Map.of("BRIDGE_HEALTH_SCHEDULE", "0 0 */6 * * MON-FRI"))).isEmpty();
        assertThat(HealthScheduleSetting.problem(Map.of("BRIDGE_HEALTH_SCHEDULE", "00:15:00"))).isEmpty();
    }

    @Test
    void aMissingSettingNamesTheDefaultToSet() {
        assertThat(HealthScheduleSetting.problem(Map.of())).hasValueSatisfying(p ->
                assertThat(p).contains("BRIDGE_HEALTH_SCHEDULE is not set", "\"0 */15 * * * *\""));
    }

    @Test
    void aUnixCronWithFiveFieldsIsNamedAsSuch() {
        assertThat(HealthScheduleSetting.problem(Map.of("BRIDGE_HEALTH_SCHEDULE", "*/15 * * * *"))).hasValueSatisfying(p ->
                assertThat(p).contains("has 5 fields", "six (seconds first)"));
        assertThat(HealthScheduleSetting.problem(Map.of("BRIDGE_HEALTH_SCHEDULE", "0 */15 * * * * ; rm"))).hasValueSatisfying(p ->
                assertThat(p).contains("unexpected field ';'"));
    }
}
