package dev.entrabridge.endpoint;

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

    /** A JSON response of these UTF-8 bytes. */
    static BridgeResponse json(int status, byte[] json) {
        return new BridgeResponse(status, Map.of("Content-Type", List.of(JSON)), json);
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
        copy.put("Cache-Control", List.of("no-cache, no-store, must-revalidate"));
        copy.put("Pragma", List.of("no-cache"));
        copy.put("Expires", List.of("0"));
        return new BridgeResponse(status, copy, body);
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

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Never shows the body: it may carry a token. */
    @Override
    public String toString() {
        return "BridgeResponse[status=" + status + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
