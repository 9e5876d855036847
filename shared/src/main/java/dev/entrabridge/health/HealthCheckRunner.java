package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the checks in order within one total time budget (default 20 s): a check still running
 * when the budget is spent fails with a diagnosis instead of hanging the schedule, and the checks
 * after it are reported as not run.
 */
final class HealthCheckRunner {

    /** The default total budget; a scheduled run must end well before its trigger's timeout. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);

    private final List<HealthCheck> checks;
    private final Clock clock;
    private final Duration budget;
    private final Map<String, String> versions;

    HealthCheckRunner(List<HealthCheck> checks, Clock clock, Duration budget, Map<String, String> versions) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("health check budget must be positive, was " + budget);
        }
        this.checks = List.copyOf(checks);
        this.clock = clock;
        this.budget = budget;
        this.versions = Map.copyOf(versions);
    }

    /** Runs every check once and returns the report; never throws for a failing check. */
    public HealthReport run() {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + budget.toNanos();
        CheckContext context = new CheckContext(clock, started.plus(budget));
        List<CheckResult> results = new ArrayList<>();
        ExecutorService executor = checkThread();
        try {
            boolean exhausted = false;
            for (HealthCheck check : checks) {
                if (exhausted) {
                    results.add(notRun(check));
                    continue;
                }
                long remaining = deadlineNanos - System.nanoTime();
                CheckResult result = runOne(executor, check, context, remaining);
                results.add(result);
                if (System.nanoTime() >= deadlineNanos) {
                    exhausted = true;
                    // The timed-out check's thread may still hang on I/O; later checks get a fresh thread.
                    executor.shutdownNow();
                    executor = checkThread();
                }
            }
        } finally {
            executor.shutdownNow();
        }
        CheckStatus overall = results.stream().map(CheckResult::status)
                .reduce(CheckStatus.PASS, CheckStatus::worst);
        return new HealthReport(overall, started, Duration.ofNanos(System.nanoTime() - startNanos), results, versions);
    }

    /** A daemon thread, so a check stuck in I/O never keeps the JVM (or a Lambda invocation) alive. */
    private static ExecutorService checkThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-check");
            t.setDaemon(true);
            return t;
        });
    }

    private CheckResult runOne(ExecutorService executor, HealthCheck check, CheckContext context, long remainingNanos) {
        long begin = System.nanoTime();
        Future<Finding> future = executor.submit(() -> check.run(context));
        try {
            Finding finding = future.get(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
            return finding.toResult(check.name(), Duration.ofNanos(System.nanoTime() - begin));
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(check, begin, new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_HEALTH_TIMEOUT",
                    "The check '" + check.name() + "' did not finish within the " + budget.toSeconds()
                            + " s health budget (an endpoint is hanging or very slow).",
                    "Check network reachability of Entra and the assertion issuer from this environment,"
                            + " or raise BRIDGE_HEALTH_BUDGET_SECONDS."));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return failed(check, begin, new Diagnosis(Diagnosis.Category.BUG, "BRIDGE_HEALTH_CHECK_ERROR",
                    "The check '" + check.name() + "' failed unexpectedly: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    "Report this with the health report attached; the other checks are still valid."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(check, begin, new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_HEALTH_INTERRUPTED",
                    "The health run was interrupted.", "Run the health check again."));
        }
    }

    private CheckResult failed(HealthCheck check, long beginNanos, Diagnosis diagnosis) {
        return new CheckResult(check.name(), CheckStatus.FAIL, Duration.ofNanos(System.nanoTime() - beginNanos),
                diagnosis.cause(), Map.of(), Optional.of(diagnosis));
    }

    private CheckResult notRun(HealthCheck check) {
        Diagnosis d = new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_HEALTH_NOT_RUN",
                "Not run: the " + budget.toSeconds() + " s health budget was spent by earlier checks.",
                "Fix the check that timed out first, then run the health check again.");
        return new CheckResult(check.name(), CheckStatus.FAIL, Duration.ZERO, d.cause(), Map.of(), Optional.of(d));
    }
}
