package dev.entrabridge.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the credential health check runs, read with the rest of the configuration (environment
 * variable, else the configuration file's {@code health} field).
 *
 * @param budget         total time of one run ({@code BRIDGE_HEALTH_BUDGET_SECONDS} / {@code health.budgetSeconds}, 1–300, default 20)
 * @param readGraph      compare FICs and read credential end dates through Microsoft Graph
 *                       ({@code BRIDGE_HEALTH_GRAPH} / {@code health.graph}, default true; needs AgentIdentityBlueprint.Read.All)
 * @param expiryWarn     warn when a credential ends within this ({@code BRIDGE_HEALTH_EXPIRY_WARN_DAYS} / {@code health.expiryWarnDays}, default 30)
 * @param expiryFail     fail when a credential ends within this ({@code BRIDGE_HEALTH_EXPIRY_FAIL_DAYS} / {@code health.expiryFailDays}, default 7)
 * @param failHealthz    serve {@code /healthz} with 503 while the last run failed
 *                       ({@code BRIDGE_HEALTH_FAIL_HEALTHZ} / {@code health.failHealthz}, default false: liveness
 *                       should not flap with Entra)
 * @param retryAllowance how long the token-exchange check may spend waiting to retry throttling and FIC
 *                       propagation ({@code BRIDGE_HEALTH_RETRY_SECONDS} / {@code health.retrySeconds},
 *                       default 6, at most half the budget)
 * @param interval       how often a long-running deployment (the sidecar) runs the check in the background
 *                       ({@code BRIDGE_HEALTH_INTERVAL_SECONDS} / {@code health.intervalSeconds}, default 300,
 *                       0 = never, else 10–86400); the clouds schedule it with their own timers
 */
public record HealthSettings(Duration budget, boolean readGraph, Duration expiryWarn, Duration expiryFail,
                             boolean failHealthz, Duration retryAllowance, Duration interval) {

    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(20), true, Duration.ofDays(30),
            Duration.ofDays(7), false, Duration.ofSeconds(6), Duration.ofSeconds(300));

    public HealthSettings {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(expiryWarn, "expiryWarn");
        Objects.requireNonNull(expiryFail, "expiryFail");
        Objects.requireNonNull(retryAllowance, "retryAllowance");
        Objects.requireNonNull(interval, "interval");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the health budget must be positive, was " + budget);
        }
        if (expiryFail.compareTo(expiryWarn) > 0) {
            throw new IllegalArgumentException("the expiry failure window must not exceed the warning window");
        }
    }

    /** Whether this process runs the check in the background ({@link #interval()} is not zero). */
    public boolean scheduled() {
        return !interval.isZero();
    }
}
