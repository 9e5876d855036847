package dev.entrabridge.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.Diagnosis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReportJsonTest {

    private static final HealthReport REPORT = new HealthReport(CheckStatus.WARN,
            Instant.parse("2026-11-26T04:00:00Z"), Duration.ofMillis(42),
            List.of(new CheckResult("credential-expiry", CheckStatus.WARN, Duration.ofMillis(40),
                    "The password credential 'dev' expires in 10 days.",
                    Map.of("password:dev", "2026-12-06T04:00:00Z"),
                    Optional.of(new Diagnosis(Diagnosis.Category.CREDENTIAL, "BRIDGE_CREDENTIAL_EXPIRY",
                            "expires soon", "roll it")))),
            Map.of("bridge", "0.1.0", "java", "17"));

    @Test
    void documentFollowsTheSchema() throws Exception {
        JsonNode json = new ObjectMapper().readTree(HealthReportJson.render(REPORT));

        assertThat(json.get("status").asText()).isEqualTo("warn");
        assertThat(json.get("durationMs").asLong()).isEqualTo(42);
        assertThat(json.get("counts").get("warn").asInt()).isEqualTo(1);
        JsonNode check = json.get("checks").get(0);
        assertThat(check.get("check").asText()).isEqualTo("credential-expiry");
        assertThat(check.get("evidence").get("password:dev").asText()).isEqualTo("2026-12-06T04:00:00Z");
        assertThat(check.get("diagnosis").get("remedy").asText()).isEqualTo("roll it");
        assertThat(json.get("versions").get("java").asText()).isEqualTo("17");
    }

    @Test
    void summaryListsEachCheckStatus() {
        JsonNode summary = HealthReportJson.summary(REPORT);

        assertThat(summary.get("status").asText()).isEqualTo("warn");
        assertThat(summary.get("checks").get("credential-expiry").asText()).isEqualTo("warn");
    }

    @Test
    void textRenderingShowsCauseAndRemedy() {
        String text = HealthReportText.render(REPORT);

        assertThat(text).startsWith("Entra Agent Bridge credential health: WARN (0 pass, 1 warn, 0 fail; 42 ms)");
        assertThat(text).contains("cause (BRIDGE_CREDENTIAL_EXPIRY): expires soon").contains("do: roll it");
    }
}
