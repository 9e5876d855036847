package dev.entrabridge.sidecar;

import dev.entrabridge.health.CredentialHealth;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.LogHealthMetrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the credential health check in the background: once shortly after start-up, then every
 * {@code BRIDGE_HEALTH_INTERVAL_SECONDS} ({@code health.intervalSeconds} of the file; default 300,
 * 0 turns it off). Each run's per-check
 * results go to the log as structured lines; {@code /healthz} serves the last summary.
 */
final class HealthSchedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HealthSchedule.class.getName());

    private final ScheduledExecutorService executor;

    private HealthSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Runs {@code health} a second from now and then every {@code interval} (positive). */
    static HealthSchedule start(CredentialHealth health, Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "credential-health");
            t.setDaemon(true);
            return t;
        });
        LogHealthMetrics metrics = new LogHealthMetrics(line -> LOG.log(System.Logger.Level.INFO, line));
        executor.scheduleWithFixedDelay(() -> {
            try {
                HealthReport report = health.run();
                metrics.publish(report);
            } catch (RuntimeException e) {
                // A defect in one run must not stop the schedule.
                LOG.log(System.Logger.Level.WARNING, "event=credential_health_run_failed error={0}",
                        e.getClass().getName());
            }
        }, 1, interval.toSeconds(), TimeUnit.SECONDS);
        return new HealthSchedule(executor);
    }

    /** No background runs ({@code BRIDGE_HEALTH_INTERVAL_SECONDS=0}). */
    static HealthSchedule off() {
        return new HealthSchedule(null);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
