package dev.entrabridge.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides how long a minted assertion may be handed out again: only while well inside its
 * lifetime (more than half of it and at least a minute left), so an assertion never reaches
 * Entra close to its expiry and a skewed clock cannot make it stale.
 */
final class AssertionReuse {

    static final Duration MIN_REMAINING = Duration.ofSeconds(60);

    private final Clock clock;
    private ClientAssertion current;
    private Instant reuseUntil = Instant.MIN;

    AssertionReuse(Clock clock) {
        this.clock = clock;
    }

    /** The reusable assertion, or {@code null} when a new one must be minted. */
    synchronized ClientAssertion reusable() {
        return current != null && clock.instant().isBefore(reuseUntil) ? current : null;
    }

    synchronized void remember(ClientAssertion assertion, Instant mintedAt) {
        current = assertion;
        reuseUntil = assertion.expiresAt().map(exp -> reuseDeadline(mintedAt, exp)).orElse(Instant.MIN);
    }

    synchronized void forget() {
        current = null;
        reuseUntil = Instant.MIN;
    }

    static Instant reuseDeadline(Instant mintedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(mintedAt, expiresAt);
        Duration keepLeft = lifetime.dividedBy(2);
        if (keepLeft.compareTo(MIN_REMAINING) < 0) {
            keepLeft = MIN_REMAINING;
        }
        return expiresAt.minus(keepLeft);
    }
}
