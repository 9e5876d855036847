package dev.entrabridge.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one retry engine of the bridge: runs an operation, classifies each failure, and waits (with
 * the injected {@link Sleeper}) and retries as its {@link RetryPolicy} and {@link RetryBudget} allow.
 * A stale proof is renewed and retried once at once. Used by the token service and by the health
 * check's token exchange, so both retry by the same rules.
 */
public final class RetryLoop {

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public RetryLoop(RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Runs {@code attempt} within a fresh budget of the policy's length. */
    public <T, F extends AttemptFailure> T run(Supplier<T> attempt, Function<RuntimeException, F> classify,
                                               RetryListener<F> listener) {
        return run(attempt, classify, listener, RetryBudget.until(clock.instant().plus(policy.budget()), policy.budget()));
    }

    /**
     * Runs {@code attempt} until it succeeds or its failure is not retried.
     *
     * @throws RuntimeException the last failure's {@link AttemptFailure#toException()}; also when the
     *                          thread is interrupted while waiting (its interrupt flag is set again)
     */
    public <T, F extends AttemptFailure> T run(Supplier<T> attempt, Function<RuntimeException, F> classify,
                                               RetryListener<F> listener, RetryBudget budget) {
        boolean renewed = false;
        for (int n = 1; ; n++) {
            F failure;
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                failure = classify.apply(e);
            }
            if (failure.kind() == AttemptFailure.Kind.STALE && !renewed) {
                renewed = true;
                listener.renewing(failure);
                continue;
            }
            Optional<Duration> delay = policy.delayAfter(failure, n);
            if (delay.isEmpty() || !budget.take(clock.instant(), delay.get())) {
                throw failure.toException();
            }
            listener.retrying(failure, n, delay.get());
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure.toException();
            }
        }
    }
}
