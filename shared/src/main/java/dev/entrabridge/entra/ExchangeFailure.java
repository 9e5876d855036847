package dev.entrabridge.entra;
import dev.entrabridge.retry.AttemptFailure;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.util.Optional;

/**
 * A classified failure of one exchange attempt: what it means ({@link Diagnosis}) and what the
 * retry loop may do about it ({@link AttemptFailure.Kind}): {@code STALE} is AADSTS700024 (re-mint
 * the assertion or T1 and retry once), {@code PROPAGATION} a FIC mismatch that may be propagation delay.
 */
record ExchangeFailure(AttemptFailure.Kind kind, Diagnosis diagnosis, String correlationId, Duration retryAfterDelay, int leg,
                       Throwable cause) implements AttemptFailure {

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfterDelay);
    }

    @Override
    public AgentTokenException toException() {
        return new AgentTokenException(diagnosis, correlationId, retryAfterDelay, cause);
    }
}
