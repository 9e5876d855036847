package dev.entrabridge.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one CloudWatch Embedded Metric Format line per check and one for the overall result:
 * metrics {@code CheckFailed}, {@code CheckWarned} (0/1) and {@code CheckDurationMs}, dimension
 * {@code Check}. Lambda ships stdout lines to CloudWatch Logs, which extracts the metrics.
 */
public final class EmfHealthMetrics implements HealthMetrics {

    /** The namespace infra alarms use. */
    public static final String DEFAULT_NAMESPACE = "EntraAgentBridge";
    static final String OVERALL = "overall";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String namespace;
    private final String service;
    private final Consumer<String> sink;

    /**
     * @param namespace CloudWatch namespace
     * @param service   a second dimension value (the function name) so several deployments stay apart
     * @param sink      where lines go (stdout in Lambda)
     */
    public EmfHealthMetrics(String namespace, String service, Consumer<String> sink) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void publish(HealthReport report) {
        long timestamp = report.startedAt().toEpochMilli();
        for (CheckResult c : report.checks()) {
            sink.accept(line(timestamp, c.check(), c.status(), c.duration().toMillis()));
        }
        sink.accept(line(timestamp, OVERALL, report.status(), report.duration().toMillis()));
    }

    private String line(long timestamp, String check, CheckStatus status, long durationMs) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add("Service").add("Check");
        ArrayNode metrics = directive.putArray("Metrics");
        metrics.addObject().put("Name", "CheckFailed").put("Unit", "Count");
        metrics.addObject().put("Name", "CheckWarned").put("Unit", "Count");
        metrics.addObject().put("Name", "CheckDurationMs").put("Unit", "Milliseconds");
        root.put("Service", service);
        root.put("Check", check);
        root.put("CheckFailed", status == CheckStatus.FAIL ? 1 : 0);
        root.put("CheckWarned", status == CheckStatus.WARN ? 1 : 0);
        root.put("CheckDurationMs", durationMs);
        root.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        return root.toString();
    }
}
