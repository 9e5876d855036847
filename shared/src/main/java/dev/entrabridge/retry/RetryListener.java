package dev.entrabridge.retry;

import java.time.Duration;

/**
 * Told what a {@link RetryLoop} does about each failure: for logs, for the health report's "succeeded
 * after N attempts", and to renew a stale proof before the immediate retry.
 *
 * @param <F> the caller's classified failure
 */
public interface RetryListener<F extends AttemptFailure> {

    /** The loop will wait {@code delay} and then make try {@code attempt + 1}. */
    default void retrying(F failure, int attempt, Duration delay) {
    }

    /** A {@link AttemptFailure.Kind#STALE} failure: renew what was stale; the loop then retries at once. */
    default void renewing(F failure) {
    }
}
