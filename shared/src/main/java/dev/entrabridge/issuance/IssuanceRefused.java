package dev.entrabridge.issuance;

import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * No token is issued: the caller policy denied it, the agent or API is unknown, a Bedrock agent is not
 * mapped, or Entra refused. Carries the {@link Diagnosis} (whose {@link Diagnosis#httpStatus()} every
 * adapter answers with), Entra's correlation id and, when transient, how long to wait. Already
 * written to the audit log; its message never contains a token.
 */
public final class IssuanceRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Diagnosis diagnosis;
    private final String correlationId;
    private final Duration retryAfter;

    IssuanceRefused(Diagnosis diagnosis, String correlationId, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(diagnosis, "diagnosis").code() + ": " + diagnosis.cause(), cause);
        this.diagnosis = diagnosis;
        this.correlationId = correlationId;
        this.retryAfter = retryAfter;
    }

    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** The status every adapter answers with (the table of {@link Diagnosis#httpStatus()}). */
    public int httpStatus() {
        return diagnosis.httpStatus();
    }

    /** Entra's correlation id, when Entra refused. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
