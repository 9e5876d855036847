package dev.entrabridge.entra;

import java.time.Duration;
import java.util.List;

/**
 * One token-endpoint response (or transport failure) seen during an exchange: the parts of an
 * Entra error body the bridge branches on. Never holds a token.
 *
 * @param leg           1 for the blueprint (T1), 2 for the agent identity, 3 for {@code user_fic}
 * @param status        HTTP status, or 0 when no response arrived (timeout, connection failure)
 * @param error         the OAuth {@code error}, or {@code null}
 * @param errorCodes    Entra's {@code error_codes}
 * @param correlationId Entra's {@code correlation_id}, or {@code null}
 * @param retryAfter    the {@code Retry-After} delay, or {@code null}
 * @param latency       time from request to response
 */
record HttpOutcome(int leg, int status, String error, List<Long> errorCodes, String correlationId,
                   Duration retryAfter, Duration latency) {

    HttpOutcome {
        errorCodes = List.copyOf(errorCodes);
    }

    boolean failed() {
        return status == 0 || status >= 400;
    }
}
