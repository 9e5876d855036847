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

    /**
     * True when {@code /healthz} should answer 503: only when the operator asked for it (a failing
     * credential check then takes the instance out of rotation); liveness alone never does.
     */
    default boolean unhealthy() {
        return false;
    }
}
