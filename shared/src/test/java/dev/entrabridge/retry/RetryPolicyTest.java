package dev.entrabridge.retry;

import dev.entrabridge.config.RetrySettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private record Failure(Kind kind, Optional<Duration> retryAfter) implements AttemptFailure {
        @Override
        public RuntimeException toException() {
            return new IllegalStateException(kind.name());
        }
    }

    private static Failure failure(AttemptFailure.Kind kind, Duration retryAfter) {
        return new Failure(kind, Optional.ofNullable(retryAfter));
    }

    @Test
    void transientFailuresBackOffWithJitterAndHonourRetryAfter() {
        RetryPolicy policy = RetryPolicy.of(new RetrySettings(Duration.ofSeconds(10), 4, false));

        for (int i = 0; i < 50; i++) {
            Duration first = policy.delayAfter(failure(AttemptFailure.Kind.TRANSIENT, null), 1).orElseThrow();
            assertThat(first).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            Duration third = policy.delayAfter(failure(AttemptFailure.Kind.TRANSIENT, null), 3).orElseThrow();
            assertThat(third).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        }
        assertThat(policy.delayAfter(failure(AttemptFailure.Kind.TRANSIENT, Duration.ofSeconds(3)), 1))
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void stopsAtTheAttemptLimitAndForFinalFailures() {
        RetryPolicy policy = RetryPolicy.of(new RetrySettings(Duration.ofSeconds(2), 3, false));

        assertThat(policy.delayAfter(failure(AttemptFailure.Kind.TRANSIENT, null), 3)).isEmpty();
        assertThat(policy.delayAfter(failure(AttemptFailure.Kind.FINAL, null), 1)).isEmpty();
        assertThat(policy.delayAfter(failure(AttemptFailure.Kind.STALE, null), 1)).isEmpty();
    }

    @Test
    void ficPropagationIsRetriedOnlyWhenConfiguredAndNotSoonerThanItsDelay() {
        RetryPolicy off = RetryPolicy.of(new RetrySettings(Duration.ofMinutes(2), 4, false));
        RetryPolicy on = RetryPolicy.of(new RetrySettings(Duration.ofMinutes(2), 4, true));
        RetryPolicy quick = new RetryPolicy(10, Duration.ofSeconds(6), Duration.ofMillis(500), Duration.ofSeconds(5),
                Optional.of(Duration.ofMillis(500)));

        assertThat(off.delayAfter(failure(AttemptFailure.Kind.PROPAGATION, null), 1)).isEmpty();
        assertThat(on.delayAfter(failure(AttemptFailure.Kind.PROPAGATION, null), 1).orElseThrow())
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(quick.delayAfter(failure(AttemptFailure.Kind.PROPAGATION, null), 3).orElseThrow())
                .isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    }
}
