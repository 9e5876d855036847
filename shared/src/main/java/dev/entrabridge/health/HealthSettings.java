package dev.entrabridge.health;

import dev.entrabridge.config.ConfigException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How the credential health check runs, from the same environment map as the rest of the
 * configuration.
 *
 * @param budget        total time of one run ({@code BRIDGE_HEALTH_BUDGET_SECONDS}, default 20)
 * @param readGraph     compare FICs and read credential end dates through Microsoft Graph
 *                      ({@code BRIDGE_HEALTH_GRAPH}, default true; needs AgentIdentityBlueprint.Read.All)
 * @param expiry        warning and failure windows ({@code BRIDGE_HEALTH_EXPIRY_WARN_DAYS} 30,
 *                      {@code BRIDGE_HEALTH_EXPIRY_FAIL_DAYS} 7)
 * @param failHealthz   serve {@code /healthz} with 503 while the last run failed
 *                      ({@code BRIDGE_HEALTH_FAIL_HEALTHZ}, default false: liveness should not flap
 *                      with Entra)
 * @param retryAllowance how long the token-exchange check may spend waiting to retry throttling and
 *                      FIC propagation ({@code BRIDGE_HEALTH_RETRY_SECONDS}, default 6, at most half the budget)
 */
public record HealthSettings(Duration budget, boolean readGraph, ExpiryPolicy expiry, boolean failHealthz,
                             Duration retryAllowance) {

    public static final HealthSettings DEFAULTS = new HealthSettings(HealthCheckRunner.DEFAULT_BUDGET, true,
            ExpiryPolicy.DEFAULT, false, Duration.ofSeconds(6));

    /** Reads the settings; a bad value fails with the variable's name and what to put there. */
    public static HealthSettings from(Map<String, String> env) {
        Duration budget = Duration.ofSeconds(integer(env, "BRIDGE_HEALTH_BUDGET_SECONDS", 20, 1, 300));
        boolean graph = bool(env, "BRIDGE_HEALTH_GRAPH", true);
        int warn = integer(env, "BRIDGE_HEALTH_EXPIRY_WARN_DAYS", 30, 1, 365);
        int fail = integer(env, "BRIDGE_HEALTH_EXPIRY_FAIL_DAYS", 7, 0, 365);
        if (fail > warn) {
            throw new ConfigException("BRIDGE_HEALTH_EXPIRY_FAIL_DAYS",
                    "is " + fail + " but must not exceed BRIDGE_HEALTH_EXPIRY_WARN_DAYS (" + warn + ")");
        }
        boolean failHealthz = bool(env, "BRIDGE_HEALTH_FAIL_HEALTHZ", false);
        int retry = integer(env, "BRIDGE_HEALTH_RETRY_SECONDS", Math.min(6, (int) budget.toSeconds() / 2), 0, 150);
        if (retry > budget.toSeconds() / 2) {
            throw new ConfigException("BRIDGE_HEALTH_RETRY_SECONDS", "is " + retry
                    + " but must be at most half of BRIDGE_HEALTH_BUDGET_SECONDS (" + budget.toSeconds() + ")");
        }
        return new HealthSettings(budget, graph, new ExpiryPolicy(Duration.ofDays(warn), Duration.ofDays(fail)),
                failHealthz, Duration.ofSeconds(retry));
    }

    private static int integer(Map<String, String> env, String name, int dflt, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw new ConfigException(name, "is " + v + ": set a whole number from " + min + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "is not a whole number: set a number from " + min + " to " + max);
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean dflt) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ConfigException(name, "is '" + raw + "': set true or false");
        }
    }
}
