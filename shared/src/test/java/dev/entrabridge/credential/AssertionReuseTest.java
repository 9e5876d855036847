package dev.entrabridge.credential;

import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AssertionReuseTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));

    @Test
    void reusesOnlyDuringTheFirstHalfOfTheLifetime() {
        AssertionReuse reuse = new AssertionReuse(clock);
        ClientAssertion a = new ClientAssertion("x.y.z", Optional.of(clock.instant().plus(Duration.ofMinutes(5))));
        reuse.remember(a, clock.instant());

        clock.advance(Duration.ofSeconds(149));
        assertThat(reuse.reusable()).isSameAs(a);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reuse.reusable()).isNull();
    }

    @Test
    void shortLivedAssertionsKeepAtLeastAMinuteInHand() {
        Instant now = clock.instant();
        assertThat(AssertionReuse.reuseDeadline(now, now.plusSeconds(90))).isEqualTo(now.plusSeconds(30));
        assertThat(AssertionReuse.reuseDeadline(now, now.plusSeconds(3600))).isEqualTo(now.plusSeconds(1800));
    }

    @Test
    void unknownLifetimeIsNeverReusedAndForgetDropsIt() {
        AssertionReuse reuse = new AssertionReuse(clock);
        reuse.remember(new ClientAssertion("opaque", Optional.empty()), clock.instant());
        assertThat(reuse.reusable()).isNull();

        reuse.remember(new ClientAssertion("x.y.z", Optional.of(clock.instant().plusSeconds(600))), clock.instant());
        reuse.forget();
        assertThat(reuse.reusable()).isNull();
    }
}
