package dev.entrabridge.sidecar;

import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.RequestRefused;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every error Jetty itself answers (a request it could not parse, a head too large, a version it does
 * not speak, a request refused while stopping) as the bridge's problem+json with
 * {@code Cache-Control: no-store}, never Jetty's HTML page, and then closes the connection: after a
 * malformed request nothing that follows on it can be trusted.
 */
final class ServerErrors implements Request.Handler {

    /** Jetty's reasons ("Bad EOL", "Multiple Content-Lengths") are kept; anything else is not echoed. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,.'=()/:-]{1,80}");

    private final Supplier<BridgeEndpoint> endpoint;

    ServerErrors(Supplier<BridgeEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        RequestRefused refusal = refusal(status instanceof Integer ? (Integer) status : 500,
                message == null ? null : message.toString());
        response.getHeaders().put("Connection", "close");
        ExchangeMapping.respond(response, endpoint.get().handle(() -> {
            throw refusal;
        }), callback);
        return true;
    }

    static RequestRefused refusal(int status, String reason) {
        String why = reason != null && PLAIN_REASON.matcher(reason).matches() && !reason.contains("Exception")
                ? " (" + reason + ")" : "";
        switch (status) {
            case 400:
                return RequestRefused.byServer(400, "BRIDGE_MALFORMED_REQUEST",
                        "The request is not well-formed HTTP/1.1" + why + ".",
                        "Send one request line of method, origin-form path and HTTP/1.1; valid header names; one "
                                + "Content-Length or Transfer-Encoding: chunked; and percent-escapes of two hex digits.");
            case 408:
                return RequestRefused.byServer(408, "BRIDGE_REQUEST_TIMEOUT", "The request did not arrive in time.",
                        "Send the whole request at once.");
            case 413:
                return RequestRefused.byServer(413, "BRIDGE_BODY_TOO_LARGE", "The request body is too large.",
                        "Send a smaller body.");
            case 414:
            case 431:
                return RequestRefused.byServer(status, status == 414 ? "BRIDGE_TARGET_TOO_LONG" : "BRIDGE_HEADERS_TOO_LARGE",
                        "The request line or headers are larger than the sidecar accepts.",
                        "Keep the request target under 8 KiB and all headers together under 24 KiB.");
            case 426:
            case 505:
                return RequestRefused.byServer(505, "BRIDGE_HTTP_VERSION_NOT_SUPPORTED",
                        "The sidecar speaks HTTP/1.1 and HTTP/1.0 only" + why + ".", "Send HTTP/1.1 requests.");
            case 503:
                return RequestRefused.unavailable("BRIDGE_STOPPING", "The sidecar is stopping.",
                        "Retry shortly; another sidecar instance (or this one, restarted) will answer.",
                        java.time.Duration.ofSeconds(1));
            default:
                return status >= 400 && status < 500
                        ? RequestRefused.byServer(status, "BRIDGE_MALFORMED_REQUEST",
                        "The request was refused by the sidecar's HTTP server" + why + ".", "Send a well-formed HTTP/1.1 request.")
                        : RequestRefused.byServer(500, "BRIDGE_INTERNAL_ERROR", "The sidecar failed unexpectedly.",
                        "Report the correlationId to the operator.");
        }
    }
}
