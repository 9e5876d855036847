package dev.entrabridge.endpoint;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request the endpoint will not serve, with the status, a stable code and the sentence that
 * says what to do. Rendered as {@code application/problem+json} by {@link Problems}; its message
 * never contains a token.
 */
public final class RequestRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String remedy;
    private final Duration retryAfter;
    private final String correlationId;
    private final transient Map<String, String> headers;
    private final boolean audited;

    RequestRefused(int status, String code, String detail, String remedy, Duration retryAfter,
                   String correlationId, Map<String, String> headers) {
        this(status, code, detail, remedy, retryAfter, correlationId, headers, false);
    }

    private RequestRefused(int status, String code, String detail, String remedy, Duration retryAfter,
                           String correlationId, Map<String, String> headers, boolean audited) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
        this.retryAfter = retryAfter;
        this.correlationId = correlationId;
        this.headers = Map.copyOf(headers);
        this.audited = audited;
    }

    static RequestRefused of(int status, String code, String detail, String remedy) {
        return new RequestRefused(status, code, detail, remedy, null, null, Map.of());
    }

    /** 400: also for adapters whose mapping of their platform's request refuses malformed input. */
    public static RequestRefused badRequest(String code, String detail, String remedy) {
        return of(400, code, detail, remedy);
    }

    static RequestRefused unauthenticated(String detail, String remedy) {
        return new RequestRefused(401, "BRIDGE_UNAUTHENTICATED", detail, remedy, null, null,
                Map.of("WWW-Authenticate", "Bearer realm=\"entra-agent-bridge\""));
    }

    /** 403: for adapters refusing a peer before any route runs (e.g. a non-loopback caller of the sidecar). */
    public static RequestRefused forbidden(String code, String detail, String remedy) {
        return of(403, code, detail, remedy);
    }

    /** 503 with {@code Retry-After}: for adapters shedding load. */
    public static RequestRefused unavailable(String code, String detail, String remedy, Duration retryAfter) {
        return new RequestRefused(503, code, detail, remedy, retryAfter, null, Map.of());
    }

    RequestRefused withHeader(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RequestRefused(status, code, getMessage(), remedy, retryAfter, correlationId, copy, audited);
    }

    /** A copy marked as already written to the audit log, so the endpoint does not log it twice. */
    RequestRefused audited() {
        return new RequestRefused(status, code, getMessage(), remedy, retryAfter, correlationId, headers, true);
    }

    boolean isAudited() {
        return audited;
    }

    public int status() {
        return status;
    }

    /** A stable machine-readable code: an AADSTS code from Entra or a {@code BRIDGE_…} code. */
    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public String remedy() {
        return remedy;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    String correlationId() {
        return correlationId;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The problem {@code type} URI: one per code, so clients can branch on it. */
    String type() {
        return "urn:entra-agent-bridge:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
