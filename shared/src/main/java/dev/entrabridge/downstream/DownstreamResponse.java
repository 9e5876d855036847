package dev.entrabridge.downstream;

import java.util.List;
import java.util.Map;

/**
 * What the API answered, in the Microsoft sidecar's shape
 * {@code {"statusCode":n,"headers":{name:[values]},"content":"…"|null}}. A 3xx is returned as is:
 * redirects are never followed.
 *
 * @param statusCode the API's HTTP status
 * @param headers    only safe response headers (no {@code Set-Cookie} and the like); names case-insensitive
 * @param content    the body as UTF-8 text, or {@code null} when empty
 */
public record DownstreamResponse(int statusCode, Map<String, List<String>> headers, String content) {

    public DownstreamResponse {
        // Spelt as the API spells them, looked up without regard to case, as HTTP names are.
        java.util.TreeMap<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        headers = java.util.Collections.unmodifiableMap(copy);
    }
}
