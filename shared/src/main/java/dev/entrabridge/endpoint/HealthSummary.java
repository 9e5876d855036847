package dev.entrabridge.endpoint;

import java.util.Map;

/**
 * What {@code /healthz} reports beyond liveness: the latest credential health report's summary,
 * supplied by whoever runs the check. Values must be JSON-serialisable (strings, numbers,
 * booleans, lists, maps) and must never contain a token.
 */
@FunctionalInterface
public interface HealthSummary {

    /** No health check runs in this process: {@code /healthz} reports liveness only. */
    HealthSummary LIVENESS_ONLY = Map::of;

    /** The summary to merge into {@code /healthz}, e.g. {@code {"credential":"ok","checkedAt":"…"}}. */
    Map<String, Object> summary();
}
