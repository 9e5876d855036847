package dev.entrabridge.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.Diagnosis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every line against the structure the CloudWatch Embedded Metric Format specification
 * requires (root {@code _aws} with an integer {@code Timestamp} and {@code CloudWatchMetrics}
 * directives whose dimension and metric names resolve to root members of the right type).
 */
class EmfHealthMetricsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    private static HealthReport report() {
        Diagnosis d = new Diagnosis(Diagnosis.Category.CONFIGURATION, "AADSTS70021", "no FIC", "add one");
        return new HealthReport(CheckStatus.FAIL, Instant.parse("2026-11-26T04:00:00Z"), Duration.ofMillis(850),
                List.of(new CheckResult("assertion", CheckStatus.PASS, Duration.ofMillis(120), "ok", Map.of(),
                                Optional.empty()),
                        new CheckResult("token-exchange", CheckStatus.FAIL, Duration.ofMillis(700), "no FIC",
                                Map.of(), Optional.of(d))),
                Map.of());
    }

    @Test
    void writesOneValidEmfLinePerCheckPlusOverall() throws Exception {
        List<String> lines = new ArrayList<>();

        new EmfHealthMetrics("EntraAgentBridge", "graph-actions", lines::add).publish(report());

        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertValidEmf(MAPPER.readTree(line));
        }
        JsonNode failed = MAPPER.readTree(lines.get(1));
        assertThat(failed.get("Check").asText()).isEqualTo("token-exchange");
        assertThat(failed.get("CheckFailed").asInt()).isEqualTo(1);
        assertThat(failed.get("CheckDurationMs").asLong()).isEqualTo(700);
        assertThat(failed.get("_aws").get("Timestamp").asLong()).isEqualTo(1795665600000L);
        JsonNode overall = MAPPER.readTree(lines.get(2));
        assertThat(overall.get("Check").asText()).isEqualTo("overall");
        assertThat(overall.get("CheckFailed").asInt()).isEqualTo(1);
        assertThat(MAPPER.readTree(lines.get(0)).get("CheckFailed").asInt()).isZero();
    }

    @Test
    void logWriterCarriesTheDiagnosisCode() throws Exception {
        List<String> lines = new ArrayList<>();

        new LogHealthMetrics(lines::add).publish(report());

        JsonNode failed = MAPPER.readTree(lines.get(1));
        assertThat(failed.get("event").asText()).isEqualTo("credential_health");
        assertThat(failed.get("status").asText()).isEqualTo("fail");
        assertThat(failed.get("diagnosisCode").asText()).isEqualTo("AADSTS70021");
        assertThat(MAPPER.readTree(lines.get(2)).get("check").asText()).isEqualTo("overall");
    }

    static void assertValidEmf(JsonNode root) {
        assertThat(root.isObject()).as("root is an object").isTrue();
        JsonNode aws = root.get("_aws");
        assertThat(aws).as("_aws member").isNotNull();
        assertThat(aws.isObject()).isTrue();
        assertThat(aws.get("Timestamp")).as("_aws.Timestamp").isNotNull();
        assertThat(aws.get("Timestamp").isIntegralNumber()).as("Timestamp is epoch millis").isTrue();
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertThat(directives.isArray()).as("CloudWatchMetrics is an array").isTrue();
        assertThat(directives.size()).isPositive();
        for (JsonNode directive : directives) {
            String ns = directive.get("Namespace").asText();
            assertThat(ns).hasSizeBetween(1, 255);
            JsonNode dimensions = directive.get("Dimensions");
            assertThat(dimensions.isArray()).isTrue();
            for (JsonNode set : dimensions) {
                assertThat(set.isArray()).isTrue();
                assertThat(set.size()).isBetween(0, 30);
                for (JsonNode dim : set) {
                    JsonNode value = root.get(dim.asText());
                    assertThat(value).as("dimension %s is a root member", dim.asText()).isNotNull();
                    assertThat(value.isTextual()).as("dimension %s is a string", dim.asText()).isTrue();
                }
            }
            JsonNode metrics = directive.get("Metrics");
            assertThat(metrics.isArray()).isTrue();
            assertThat(metrics.size()).isBetween(1, 100);
            for (JsonNode metric : metrics) {
                String name = metric.get("Name").asText();
                assertThat(name).hasSizeBetween(1, 255);
                JsonNode value = root.get(name);
                assertThat(value).as("metric %s is a root member", name).isNotNull();
                assertThat(value.isNumber()).as("metric %s is a number", name).isTrue();
                if (metric.has("Unit")) {
                    assertThat(UNITS).contains(metric.get("Unit").asText());
                }
            }
        }
    }
}
