package dev.entrabridge.entra;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import java.time.Duration;

/**
 * A classified failure of one exchange attempt: what it means ({@link Diagnosis}) and what the
 * retry loop may do about it ({@link Kind}).
 */
record ExchangeFailure(Kind kind, Diagnosis diagnosis, String correlationId, Duration retryAfter, int leg,
                       Throwable cause) {

    enum Kind {
        /** Do not retry. */
        FINAL,
        /** Throttled, unavailable, timed out: retry with backoff inside the budget. */
        TRANSIENT,
        /** AADSTS700024: re-mint the assertion (or T1) and retry once. */
        STALE_ASSERTION,
        /** A FIC mismatch that may be propagation delay: retried only when configured. */
        FIC_MISMATCH
    }

    AgentTokenException toException() {
        return new AgentTokenException(diagnosis, correlationId, retryAfter, cause);
    }
}
