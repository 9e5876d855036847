package dev.entrabridge.downstream;

import java.util.Map;
import java.util.Objects;

/**
 * What a caller wants sent to a configured API: method, path relative to the API's base URL
 * (with optional query), a few forwardable headers, and a body.
 *
 * @param method       GET, POST, PUT, PATCH or DELETE (any case)
 * @param relativePath e.g. {@code /v1.0/users?$top=5}; checked by {@link RelativePath}
 * @param headers      extra request headers; never one that carries a credential or frames the message
 * @param contentType  the body's media type, or {@code null} to send no {@code Content-Type}
 * @param body         request body bytes (empty for none)
 */
public record DownstreamRequest(String method, String relativePath, Map<String, String> headers,
                                String contentType, byte[] body) {

    public DownstreamRequest {
        Objects.requireNonNull(method, "method");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static DownstreamRequest get(String relativePath) {
        return new DownstreamRequest("GET", relativePath, Map.of(), null, null);
    }

    public static DownstreamRequest json(String method, String relativePath, String json) {
        return new DownstreamRequest(method, relativePath, Map.of(), "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A copy with one more header. */
    public DownstreamRequest withHeader(String name, String value) {
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new DownstreamRequest(method, relativePath, copy, contentType, body);
    }
}
