package dev.entrabridge.health;

import java.util.Map;

/**
 * Renders a {@link HealthReport} for a terminal: one line per check, then the evidence and, for
 * anything not passing, the cause and what to do.
 */
public final class HealthReportText {

    private HealthReportText() {
    }

    public static String render(HealthReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Entra Agent Bridge credential health: ").append(report.status())
                .append(" (").append(report.count(CheckStatus.PASS)).append(" pass, ")
                .append(report.count(CheckStatus.WARN)).append(" warn, ")
                .append(report.count(CheckStatus.FAIL)).append(" fail; ")
                .append(report.duration().toMillis()).append(" ms)\n");
        for (CheckResult c : report.checks()) {
            out.append(String.format("  [%-4s] %-24s %6d ms  %s%n", c.status(), c.check(),
                    c.duration().toMillis(), c.summary()));
            for (Map.Entry<String, Object> e : c.evidence().entrySet()) {
                out.append("           ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            c.diagnosis().ifPresent(d -> out.append("           cause (").append(d.code()).append("): ")
                    .append(d.cause()).append('\n').append("           do: ").append(d.remedy()).append('\n'));
        }
        return out.toString();
    }
}
