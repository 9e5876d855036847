package dev.entrabridge.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * No agent token could be had. Carries the {@link Diagnosis}, Entra's correlation id and, for
 * transient failures, how long to wait. Its message never contains a token or assertion.
 */
public class AgentTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Diagnosis diagnosis;
    private final String correlationId;
    private final Duration retryAfter;

    public AgentTokenException(Diagnosis diagnosis, String correlationId, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(diagnosis, "diagnosis").code() + ": " + diagnosis.cause(), cause);
        this.diagnosis = diagnosis;
        this.correlationId = correlationId;
        this.retryAfter = retryAfter;
    }

    public AgentTokenException(Diagnosis diagnosis) {
        this(diagnosis, null, null, null);
    }

    public Diagnosis diagnosis() {
        return diagnosis;
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
