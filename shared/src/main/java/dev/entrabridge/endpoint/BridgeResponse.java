package dev.entrabridge.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the endpoint answers, framework-neutral: every adapter copies status, headers and body to
 * its own response type and adds nothing.
 *
 * @param status  HTTP status code
 * @param headers response headers, names case-insensitive
 * @param body    response body bytes (possibly empty)
 */
public record BridgeResponse(int status, Map<String, List<String>> headers, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
    private static final List<String> NO_CACHE = List.of("no-cache, no-store, must-revalidate");
    private static final List<String> PRAGMA_NO_CACHE = List.of("no-cache");
    private static final List<String> EXPIRES_NOW = List.of("0");

    public BridgeResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A JSON response ({@code application/json; charset=utf-8}). */
    public static BridgeResponse json(int status, String json) {
        return new BridgeResponse(status, Map.of("Content-Type", List.of(JSON)), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A token-bearing 200 JSON answer of these UTF-8 bytes: a JSON response then {@link #noStore()} in one
     * step, so a cached token's answer copies its body and header map once, not twice.
     */
    static BridgeResponse tokenJson(byte[] json) {
        TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of(JSON));
        noStore(headers);
        return new BridgeResponse(200, headers, json);
    }

    /** A copy with one more header (replacing any header of that name). */
    public BridgeResponse withHeader(String name, String value) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(name, List.of(value));
        return new BridgeResponse(status, copy, body);
    }

    /** A token-bearing response: no cache may keep it (the three headers Microsoft's sidecar sends). */
    public BridgeResponse noStore() {
        // One copy for the three: this is on every token's path.
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        noStore(copy);
        return new BridgeResponse(status, copy, body);
    }

    private static void noStore(Map<String, List<String>> headers) {
        headers.put("Cache-Control", NO_CACHE);
        headers.put("Pragma", PRAGMA_NO_CACHE);
        headers.put("Expires", EXPIRES_NOW);
    }

    /** The same answer without its body, for {@code HEAD}. */
    BridgeResponse withoutBody() {
        return new BridgeResponse(status, headers, new byte[0]);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without a copy, read-only: what an adapter writes to its connection. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Never shows the body: it may carry a token. */
    @Override
    public String toString() {
        return "BridgeResponse[status=" + status + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
