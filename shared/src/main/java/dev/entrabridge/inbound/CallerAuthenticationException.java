package dev.entrabridge.inbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller's JWT was refused. The message says what is wrong (expired, wrong audience and the
 * expected one, unknown issuer …) and never contains the token.
 */
public class CallerAuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the token was refused; adapters answer 401, except {@link #ISSUER_UNAVAILABLE} (503). */
    public enum Reason {
        MISSING,
        TOO_LARGE,
        MALFORMED,
        UNSUPPORTED_ALGORITHM,
        UNKNOWN_ISSUER,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_AUDIENCE,
        MISSING_CLAIM,
        /** The issuer's discovery document or JWKS could not be fetched: not the caller's fault. */
        ISSUER_UNAVAILABLE
    }

    private final Reason reason;
    private final Duration retryAfter;

    public CallerAuthenticationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CallerAuthenticationException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    private CallerAuthenticationException(Reason reason, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    /** A copy saying when to retry: an unavailable issuer's keys are not fetched again before then. */
    CallerAuthenticationException retryingAfter(Duration wait) {
        return new CallerAuthenticationException(reason, getMessage(), getCause(), wait);
    }

    /** For {@link Reason#ISSUER_UNAVAILABLE}: how long until the keys are fetched again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A refusal whose message starts with "caller token refused: ". */
    static CallerAuthenticationException refused(Reason reason, String message) {
        return new CallerAuthenticationException(reason, "caller token refused: " + message);
    }

    public Reason reason() {
        return reason;
    }

    /** The diagnosis code for problem responses and the audit log, e.g. {@code CALLER_TOKEN_EXPIRED}. */
    public String code() {
        return "CALLER_TOKEN_" + reason.name();
    }
}
