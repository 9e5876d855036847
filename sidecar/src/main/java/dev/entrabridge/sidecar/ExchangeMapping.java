package dev.entrabridge.sidecar;

import dev.entrabridge.endpoint.BridgeRequest;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.FormDecoding;
import dev.entrabridge.endpoint.RequestRefused;
import dev.entrabridge.inbound.Caller;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between Jetty's {@link Request}/{@link Response} and the endpoint's records, and does
 * nothing else: the peer becomes a loopback {@link Caller} (or is refused with 403), the raw path
 * and query go to the endpoint undecoded, the body is what {@link RequestBody} read.
 */
final class ExchangeMapping {

    private final PeerFilter peers;

    ExchangeMapping(PeerFilter peers) {
        this.peers = peers;
    }

    /** Refuses a peer the sidecar does not serve; {@code /healthz} is open to every peer. */
    void admit(Request request) {
        InetAddress peer = peer(request);
        if (!isHealth(request) && (peer == null || !peers.admits(peer))) {
            String who = peer == null ? "a peer of unknown address" : peer.getHostAddress();
            throw RequestRefused.forbidden("BRIDGE_PEER_NOT_ALLOWED",
                    "The sidecar only serves callers on this host (loopback); " + who + " is not one.",
                    "Call it from the same host, pod or network namespace, or start it with --allow-from <CIDR>.");
        }
    }

    /** The endpoint's record of a request {@link #admit} let through, with the body read so far. */
    BridgeRequest request(Request request, byte[] body) {
        InetAddress address = peer(request);
        String peer = address == null ? "unknown" : address.getHostAddress();
        // Immutable lists, which the record keeps as they are instead of copying each again.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName(), List.of(field.getValue()), ExchangeMapping::joined);
        }
        return new BridgeRequest(request.getMethod(), request.getHttpURI().getPath(),
                FormDecoding.decode(request.getHttpURI().getQuery()), headers, body, peer, Caller.loopback(peer));
    }

    private static List<String> joined(List<String> first, List<String> more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(more);
        return List.copyOf(all);
    }

    static void respond(Response response, BridgeResponse answer, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> {
            for (String value : values) {
                response.getHeaders().add(name, value);
            }
        });
        ByteBuffer body = answer.bodyBuffer();
        response.getHeaders().put("Content-Length", Integer.toString(body.remaining()));
        response.write(true, body, callback);
    }

    private static boolean isHealth(Request request) {
        return "/healthz".equalsIgnoreCase(request.getHttpURI().getPath());
    }

    private static InetAddress peer(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
    }
}
