package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.EmulatorResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A Microsoft Graph error in Graph's wire shape:
 * {@code {"error":{"code":…,"message":…,"innerError":{"date":…,"request-id":…,"client-request-id":…}}}}.
 * Thrown by route code and turned into the response by {@link GraphEmulator}.
 */
final class GraphError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;
    private final Duration retryAfter;

    GraphError(int status, String code, String message) {
        this(status, code, message, null);
    }

    private GraphError(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** Graph's throttling answer: 429 {@code TooManyRequests} with {@code Retry-After} in seconds. */
    static GraphError throttled(Duration retryAfter) {
        return new GraphError(429, "TooManyRequests", "Please retry again later.", retryAfter);
    }

    /** A query option given twice, which Graph refuses whatever the option. */
    static GraphError repeatedOption(String option) {
        return badRequest("BadRequest", "Query option '" + option + "' was specified more than once, but it must be "
                + "specified at most once.");
    }

    static GraphError invalidToken(String message) {
        return new GraphError(401, "InvalidAuthenticationToken", message);
    }

    static GraphError denied() {
        return new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    /** Exchange-backed resources (mail, calendar) answer with Exchange's code. */
    static GraphError mailboxDenied() {
        return new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    static GraphError notFound(String resource) {
        return new GraphError(404, "Request_ResourceNotFound", "Resource '" + resource
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    static GraphError badRequest(String code, String message) {
        return new GraphError(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    EmulatorResponse toResponse(Instant now, String clientRequestId) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", now.toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId == null ? requestId : clientRequestId);
        EmulatorResponse response = EmulatorResponse.json(status, body.toString()).withHeader("request-id", requestId);
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
        if (status == 401) {
            response = response.withHeader("WWW-Authenticate", "Bearer realm=\"\", authorization_uri="
                    + "\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
        }
        return response;
    }
}
