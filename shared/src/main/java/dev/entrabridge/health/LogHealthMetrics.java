package dev.entrabridge.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one structured JSON log line per check and one for the overall result, for platforms
 * (Azure Functions with Application Insights) that turn log properties into queryable metrics.
 */
public final class LogHealthMetrics implements HealthMetrics {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Consumer<String> sink;

    public LogHealthMetrics(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void publish(HealthReport report) {
        for (CheckResult c : report.checks()) {
            sink.accept(line(report, c.check(), c.status(), c.duration().toMillis(),
                    c.diagnosis().map(d -> d.code()).orElse(null)));
        }
        sink.accept(line(report, EmfHealthMetrics.OVERALL, report.status(), report.duration().toMillis(), null));
    }

    private static String line(HealthReport report, String check, CheckStatus status, long durationMs, String code) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event", "credential_health");
        node.put("timestamp", report.startedAt().toString());
        node.put("check", check);
        node.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        node.put("failed", status == CheckStatus.FAIL ? 1 : 0);
        node.put("warned", status == CheckStatus.WARN ? 1 : 0);
        node.put("durationMs", durationMs);
        if (code != null) {
            node.put("diagnosisCode", code);
        }
        return node.toString();
    }
}
