package dev.entrabridge.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link HealthReport} as the JSON document whose schema this package's documentation shows.
 */
public final class HealthReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HealthReportJson() {
    }

    public static ObjectNode toJson(HealthReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", report.status().name().toLowerCase(java.util.Locale.ROOT));
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.duration().toMillis());
        ObjectNode counts = root.putObject("counts");
        for (CheckStatus s : CheckStatus.values()) {
            counts.put(s.name().toLowerCase(java.util.Locale.ROOT), report.count(s));
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("check", c.check());
            node.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
            node.put("durationMs", c.duration().toMillis());
            node.put("summary", c.summary());
            node.set("evidence", MAPPER.valueToTree(c.evidence()));
            c.diagnosis().ifPresent(d -> {
                ObjectNode dn = node.putObject("diagnosis");
                dn.put("category", d.category().name());
                dn.put("code", d.code());
                dn.put("cause", d.cause());
                dn.put("remedy", d.remedy());
            });
        }
        root.set("versions", MAPPER.valueToTree(new java.util.TreeMap<>(report.versions())));
        return root;
    }

    /** Pretty-printed JSON text. */
    public static String render(HealthReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the health report", e);
        }
    }

    /** The short form served by {@code /healthz}: overall status, counts and each check's status. */
    public static ObjectNode summary(HealthReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", report.status().name().toLowerCase(java.util.Locale.ROOT));
        root.put("checkedAt", report.startedAt().toString());
        ObjectNode checks = root.putObject("checks");
        report.checks().forEach(c -> checks.put(c.check(), c.status().name().toLowerCase(java.util.Locale.ROOT)));
        return root;
    }
}
