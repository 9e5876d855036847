package dev.entrabridge.sidecar;

import com.sun.net.httpserver.HttpExchange;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.BridgeRequest;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.FormDecoding;
import dev.entrabridge.endpoint.RequestRefused;
import dev.entrabridge.inbound.Caller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between the JDK's {@link HttpExchange} and the endpoint's records, and does nothing
 * else: the peer becomes a loopback {@link Caller} (or is refused with 403), the body is read up to
 * one byte past the cap so the endpoint can answer 413.
 */
final class ExchangeMapping {

    private final PeerFilter peers;

    ExchangeMapping(PeerFilter peers) {
        this.peers = peers;
    }

    BridgeRequest request(HttpExchange exchange) {
        InetAddress peer = exchange.getRemoteAddress().getAddress();
        String rawPath = exchange.getRequestURI().getRawPath();
        boolean health = "/healthz".equalsIgnoreCase(rawPath);
        if (!health && !peers.admits(peer)) {
            throw RequestRefused.forbidden("BRIDGE_PEER_NOT_ALLOWED",
                    "The sidecar only serves callers on this host (loopback); " + peer.getHostAddress() + " is not one.",
                    "Call it from the same host, pod or network namespace, or start it with --allow-from <CIDR>.");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        return new BridgeRequest(exchange.getRequestMethod(), rawPath,
                FormDecoding.decode(exchange.getRequestURI().getRawQuery()), headers, body(exchange),
                peer.getHostAddress(), Caller.loopback(peer.getHostAddress()));
    }

    static void respond(HttpExchange exchange, BridgeResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] body(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(BridgeEndpoint.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
    }
}
