package dev.entrabridge.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much time retries may still take: a deadline every wait must end before, and a total of
 * waiting that several operations may share (the health check's exchanges share one allowance, so
 * a credential that never matches cannot spend the run's budget on its retries). Not thread-safe:
 * one per operation, or per run of operations on one thread.
 */
public final class RetryBudget {

    private final Instant deadline;
    private Duration waitingLeft;

    private RetryBudget(Instant deadline, Duration maxWaiting) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.waitingLeft = Objects.requireNonNull(maxWaiting, "maxWaiting");
    }

    /** Waits must end before {@code deadline} and add up to at most {@code maxWaiting}. */
    public static RetryBudget until(Instant deadline, Duration maxWaiting) {
        return new RetryBudget(deadline, maxWaiting);
    }

    /** Whether a wait of {@code delay} starting {@code now} fits; if so it is taken from the budget. */
    boolean take(Instant now, Duration delay) {
        if (now.plus(delay).isAfter(deadline) || delay.compareTo(waitingLeft) > 0) {
            return false;
        }
        waitingLeft = waitingLeft.minus(delay);
        return true;
    }
}
