package dev.entrabridge.retry;

import dev.entrabridge.config.RetrySettings;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard one operation is retried: at most {@code maxAttempts} tries within {@code budget},
 * transient failures after {@code Retry-After} or a full-jitter exponential backoff from
 * {@code baseDelay} up to {@code maxDelay}, and failures that may be FIC propagation only when
 * {@code propagationDelay} is present (then waiting at least that long, jittered).
 *
 * @param maxAttempts      tries, the first one included (at least 1)
 * @param budget           the longest one operation may take, waits included
 * @param baseDelay        the backoff ceiling of the first retry; doubled for each later one
 * @param maxDelay         the largest backoff ceiling
 * @param propagationDelay the least wait before retrying a possible FIC propagation delay, or empty
 *                         to never retry one
 */
public record RetryPolicy(int maxAttempts, Duration budget, Duration baseDelay, Duration maxDelay,
                          Optional<Duration> propagationDelay) {

    static final Duration REQUEST_BASE_DELAY = Duration.ofMillis(200);
    static final Duration REQUEST_MAX_DELAY = Duration.ofSeconds(5);
    /** Entra takes minutes to make a new FIC effective: retrying one sooner than this is wasted. */
    static final Duration REQUEST_PROPAGATION_DELAY = Duration.ofSeconds(10);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(propagationDelay, "propagationDelay");
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive and maxDelay at least baseDelay");
        }
    }

    /** The token requests' policy from {@code BRIDGE_RETRY_*}: backoff from 200 ms to 5 s, FIC propagation after 10 s. */
    public static RetryPolicy of(RetrySettings settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.budget(), REQUEST_BASE_DELAY, REQUEST_MAX_DELAY,
                settings.ficPropagationRetry() ? Optional.of(REQUEST_PROPAGATION_DELAY) : Optional.empty());
    }

    /** One try only (a stale assertion is still renewed once): for callers that retry themselves. */
    public static RetryPolicy singleAttempt(Duration budget) {
        return new RetryPolicy(1, budget, REQUEST_BASE_DELAY, REQUEST_MAX_DELAY, Optional.empty());
    }

    /**
     * The wait before try {@code attempt + 1} after {@code failure}, or empty when it must not be
     * retried (final, attempts exhausted, a propagation retry not wanted). The budget is the loop's
     * to enforce.
     */
    public Optional<Duration> delayAfter(AttemptFailure failure, int attempt) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        switch (failure.kind()) {
            case TRANSIENT:
                return Optional.of(failure.retryAfter().orElseGet(() -> backoff(attempt)));
            case PROPAGATION:
                return propagationDelay.map(least -> jitter(max(least, ceiling(attempt))));
            default:
                return Optional.empty();
        }
    }

    /** Full-jitter exponential backoff: uniform in [ceiling/2, ceiling], ceiling = base·2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        return jitter(ceiling(attempt));
    }

    private Duration ceiling(int attempt) {
        long ms = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        return Duration.ofMillis(ms);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration jitter(Duration ceiling) {
        long ms = Math.max(1, ceiling.toMillis());
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }
}
