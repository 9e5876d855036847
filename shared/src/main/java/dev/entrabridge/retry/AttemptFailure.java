package dev.entrabridge.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * One failed try, classified for the {@link RetryLoop}: what kind of failure it is, how long the
 * service asked to wait, and the exception to throw when it is not retried.
 */
public interface AttemptFailure {

    /** What the loop may do about a failure. */
    enum Kind {
        /** Do not retry. */
        FINAL,
        /** Throttled, unavailable, timed out: retry after {@code Retry-After} or a backoff. */
        TRANSIENT,
        /** May be a federated identity credential that is still propagating: retried only when the policy says so. */
        PROPAGATION,
        /** The proof presented was stale (AADSTS700024): renew it and retry once, at once. */
        STALE
    }

    Kind kind();

    /** The wait the service asked for, if it did. */
    Optional<Duration> retryAfter();

    /** The exception that ends the operation when this failure is not retried. */
    RuntimeException toException();
}
