package dev.entrabridge.endpoint;

import dev.entrabridge.inbound.Caller;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as every adapter hands it to {@link BridgeEndpoint}: the adapter fills these
 * fields from its own request type and adds nothing else.
 *
 * @param method        HTTP method, e.g. {@code GET}
 * @param path          the path as received, still percent-encoded (so {@code %2F} and {@code %2e%2e}
 *                      in a route segment can be told apart from real separators)
 * @param query         decoded query parameters (see {@link FormDecoding#decode}); repeated names keep
 *                      every value
 * @param headers       request headers; names are case-insensitive
 * @param body          request body bytes; an adapter reads at most {@link BridgeEndpoint#MAX_BODY_BYTES}
 *                      {@code + 1} bytes so the endpoint can refuse larger bodies with 413
 * @param remoteAddress the peer's IP address as text, for the audit log
 * @param caller        the caller the adapter authenticated (loopback peer, IAM principal …), or
 *                      {@code null} when the adapter authenticated nobody
 */
public record BridgeRequest(String method, String path, Map<String, List<String>> query,
                            Map<String, List<String>> headers, byte[] body, String remoteAddress,
                            Caller caller) {

    public BridgeRequest {
        method = method == null ? "" : method;
        path = path == null || path.isEmpty() ? "/" : path;
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((k, v) -> q.put(k, List.copyOf(v)));
        }
        query = Collections.unmodifiableMap(q);
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> h.merge(k, List.copyOf(v), (a, b) -> {
                List<String> all = new java.util.ArrayList<>(a);
                all.addAll(b);
                return List.copyOf(all);
            }));
        }
        headers = Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body.clone();
    }

    /** Every value of a header, case-insensitively. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<Caller> authenticatedCaller() {
        return Optional.ofNullable(caller);
    }

    /** A copy with the caller the adapter established. */
    public BridgeRequest withCaller(Caller authenticated) {
        return new BridgeRequest(method, path, query, headers, body, remoteAddress, authenticated);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Never shows headers' values or the body: they may carry tokens. */
    @Override
    public String toString() {
        return "BridgeRequest[" + method + " " + path + ", query=" + query.keySet() + ", headers=" + headers.keySet()
                + ", body=" + body.length + " bytes, remote=" + remoteAddress + ", caller=" + caller + "]";
    }
}
