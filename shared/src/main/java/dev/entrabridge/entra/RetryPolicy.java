package dev.entrabridge.entra;

import dev.entrabridge.config.RetrySettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides whether and when to retry a failed exchange: transient failures with jittered
 * exponential backoff (honouring {@code Retry-After}), FIC mismatches only when configured, all
 * within a total time budget so a caller is never held longer than it.
 */
final class RetryPolicy {

    static final Duration BASE_DELAY = Duration.ofMillis(200);
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    static final Duration FIC_PROPAGATION_DELAY = Duration.ofSeconds(10);

    private final RetrySettings settings;
    private final Clock clock;

    RetryPolicy(RetrySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Instant deadline() {
        return clock.instant().plus(settings.budget());
    }

    int maxAttempts() {
        return settings.maxAttempts();
    }

    /**
     * The delay before attempt {@code attempt + 1}, or {@code null} when this failure must not be
     * retried (not retryable, attempts exhausted, or the wait would overrun the budget).
     */
    Duration delayAfter(ExchangeFailure failure, int attempt, Instant deadline) {
        if (attempt >= settings.maxAttempts()) {
            return null;
        }
        Duration delay;
        switch (failure.kind()) {
            case TRANSIENT:
                delay = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
                break;
            case FIC_MISMATCH:
                if (!settings.ficPropagationRetry()) {
                    return null;
                }
                delay = jitter(FIC_PROPAGATION_DELAY);
                break;
            default:
                return null;
        }
        return clock.instant().plus(delay).isAfter(deadline) ? null : delay;
    }

    /** Full-jitter exponential backoff: uniform in [base·2^(n-1)/2, base·2^(n-1)], capped. */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << Math.min(attempt - 1, 10));
        return jitter(Duration.ofMillis(ceiling));
    }

    private static Duration jitter(Duration ceiling) {
        long ms = ceiling.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }
}
