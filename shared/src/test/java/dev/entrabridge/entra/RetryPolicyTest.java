package dev.entrabridge.entra;
import dev.entrabridge.token.Diagnosis;

import dev.entrabridge.config.RetrySettings;
import dev.entrabridge.token.Diagnosis.Category;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final Diagnosis d = new Diagnosis(Category.TRANSIENT, "X", "c", "r");

    private ExchangeFailure failure(ExchangeFailure.Kind kind, Duration retryAfter) {
        return new ExchangeFailure(kind, d, null, retryAfter, 1, null);
    }

    @Test
    void transientFailuresBackOffWithJitterAndHonourRetryAfter() {
        RetryPolicy policy = new RetryPolicy(new RetrySettings(Duration.ofSeconds(10), 4, false), clock);
        Instant deadline = policy.deadline();

        for (int i = 0; i < 50; i++) {
            Duration first = policy.delayAfter(failure(ExchangeFailure.Kind.TRANSIENT, null), 1, deadline);
            assertThat(first).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            Duration third = policy.delayAfter(failure(ExchangeFailure.Kind.TRANSIENT, null), 3, deadline);
            assertThat(third).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        }
        assertThat(policy.delayAfter(failure(ExchangeFailure.Kind.TRANSIENT, Duration.ofSeconds(3)), 1, deadline))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void stopsAtTheBudgetAndTheAttemptLimit() {
        RetryPolicy policy = new RetryPolicy(new RetrySettings(Duration.ofSeconds(2), 3, false), clock);
        Instant deadline = policy.deadline();

        assertThat(policy.delayAfter(failure(ExchangeFailure.Kind.TRANSIENT, Duration.ofSeconds(5)), 1, deadline)).isNull();
        assertThat(policy.delayAfter(failure(ExchangeFailure.Kind.TRANSIENT, null), 3, deadline)).isNull();
        assertThat(policy.delayAfter(failure(ExchangeFailure.Kind.FINAL, null), 1, deadline)).isNull();
    }

    @Test
    void ficMismatchIsRetriedOnlyWhenConfigured() {
        RetryPolicy off = new RetryPolicy(new RetrySettings(Duration.ofMinutes(2), 4, false), clock);
        RetryPolicy on = new RetryPolicy(new RetrySettings(Duration.ofMinutes(2), 4, true), clock);

        assertThat(off.delayAfter(failure(ExchangeFailure.Kind.FIC_MISMATCH, null), 1, off.deadline())).isNull();
        assertThat(on.delayAfter(failure(ExchangeFailure.Kind.FIC_MISMATCH, null), 1, on.deadline()))
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
