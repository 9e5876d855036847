package dev.entrabridge.downstream;

import java.util.Objects;

/**
 * A downstream call was refused before it left, or failed on the way back. The message says what
 * to change and never contains the agent token.
 */
public class DownstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, with the HTTP status adapters answer for it. */
    public enum Reason {
        /** The relative path is malformed or tries to leave the API (traversal, absolute URL …). */
        BAD_PATH(400),
        /** The path is well formed but outside the API's {@code allowedPaths}. */
        PATH_NOT_ALLOWED(403),
        /** The method is not one of GET, POST, PUT, PATCH, DELETE (or a body was sent with GET/DELETE). */
        BAD_METHOD(400),
        /** A request header that may not be forwarded, or a header value with CR/LF. */
        BAD_HEADER(400),
        /** The request body is larger than the cap. */
        REQUEST_TOO_LARGE(413),
        /** The API answered with more than the response cap. */
        RESPONSE_TOO_LARGE(502),
        /** The API did not answer within the timeout. */
        TIMEOUT(504),
        /** The API could not be reached (DNS, TLS, connection refused or reset). */
        UNREACHABLE(502);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public DownstreamException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DownstreamException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The diagnosis code for problem responses, e.g. {@code DOWNSTREAM_BAD_PATH}. */
    public String code() {
        return "DOWNSTREAM_" + reason.name();
    }
}
