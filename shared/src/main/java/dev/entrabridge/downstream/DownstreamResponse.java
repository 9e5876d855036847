package dev.entrabridge.downstream;

import java.util.List;
import java.util.Map;

/**
 * What the API answered, in the Microsoft sidecar's shape
 * {@code {"statusCode":n,"headers":{name:[values]},"content":"…"|null}}. A 3xx is returned as is:
 * redirects are never followed.
 *
 * @param statusCode the API's HTTP status
 * @param headers    only safe response headers (no {@code Set-Cookie} and the like)
 * @param content    the body as UTF-8 text, or {@code null} when empty
 */
public record DownstreamResponse(int statusCode, Map<String, List<String>> headers, String content) {

    public DownstreamResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
