package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.EmulatorResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A token-endpoint refusal with its AADSTS code, rendered in Entra's JSON error shape. The texts
 * follow Entra's; the emulator never puts a token, assertion or secret in them.
 */
final class EntraError extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final int status;
    private final String error;
    private final long code;

    private EntraError(int status, String error, long code, String text) {
        super("AADSTS" + code + ": " + text);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    static EntraError invalidRequest(long code, String text) {
        return new EntraError(400, "invalid_request", code, text);
    }

    static EntraError invalidClient(long code, String text) {
        return new EntraError(401, "invalid_client", code, text);
    }

    static EntraError unauthorizedClient(long code, String text) {
        return new EntraError(400, "unauthorized_client", code, text);
    }

    static EntraError invalidGrant(long code, String text) {
        return new EntraError(400, "invalid_grant", code, text);
    }

    static EntraError invalidScope(long code, String text) {
        return new EntraError(400, "invalid_scope", code, text);
    }

    static EntraError invalidResource(long code, String text) {
        return new EntraError(400, "invalid_resource", code, text);
    }

    static EntraError unsupportedGrantType(long code, String text) {
        return new EntraError(400, "unsupported_grant_type", code, text);
    }

    long code() {
        return code;
    }

    /** The response Entra would send, with fresh trace id and the caller's correlation id. */
    EmulatorResponse toResponse(Instant now, String correlationId) {
        String traceId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(now);
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", getMessage() + " Trace ID: " + traceId + " Correlation ID: " + correlationId
                + " Timestamp: " + timestamp);
        body.putArray("error_codes").add(code);
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", EntraEmulator.PUBLIC_AUTHORITY_HOST + "/error?code=" + code);
        return EmulatorResponse.json(status, body.toString())
                .withHeader("x-ms-request-id", traceId)
                .withHeader("client-request-id", correlationId);
    }
}
