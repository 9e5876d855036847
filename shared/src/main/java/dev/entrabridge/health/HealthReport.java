package dev.entrabridge.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one credential health run: overall status (worst of the checks), each check's
 * result, and the versions and timing needed to compare runs.
 *
 * @param status    worst status of all checks
 * @param startedAt when the run began
 * @param duration  how long the whole run took
 * @param checks    per-check results in run order
 * @param versions  component versions (bridge, Java, MSAL4J)
 */
public record HealthReport(CheckStatus status, Instant startedAt, Duration duration,
                           List<CheckResult> checks, Map<String, String> versions) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        checks = List.copyOf(checks);
        versions = Map.copyOf(versions);
    }

    /** How many checks ended with the given status. */
    public long count(CheckStatus s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }

    /** The result of the named check, if it ran. */
    public java.util.Optional<CheckResult> check(String name) {
        return checks.stream().filter(c -> c.check().equals(name)).findFirst();
    }
}
