package dev.entrabridge.graph;

import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Graph operation was refused (bad input, a setting that forbids it) or Graph answered with an
 * error. Carries the {@link Diagnosis} (category, {@code GRAPH_*} code, cause, remedy) and, when Graph
 * answered, its status, error code, request id and {@code Retry-After}. Never contains a token.
 */
public final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Diagnosis diagnosis;
    private final int graphStatus;
    private final String graphErrorCode;
    private final String requestId;
    private final Duration retryAfter;

    /** A refusal before any Graph request. */
    public GraphException(Diagnosis diagnosis) {
        this(diagnosis, 0, null, null, null, null);
    }

    GraphException(Diagnosis diagnosis, int graphStatus, String graphErrorCode, String requestId, Duration retryAfter,
                   Throwable cause) {
        super(Objects.requireNonNull(diagnosis, "diagnosis").code() + ": " + diagnosis.cause(), cause);
        this.diagnosis = diagnosis;
        this.graphStatus = graphStatus;
        this.graphErrorCode = graphErrorCode;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** Graph's HTTP status, when Graph answered. */
    public OptionalInt graphStatus() {
        return graphStatus == 0 ? OptionalInt.empty() : OptionalInt.of(graphStatus);
    }

    /** Graph's own error code, e.g. {@code Authorization_RequestDenied}, {@code ErrorAccessDenied}. */
    public Optional<String> graphErrorCode() {
        return Optional.ofNullable(graphErrorCode);
    }

    /** Graph's {@code request-id}, what Microsoft support asks for. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How long Graph asked to wait (429, 503). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
