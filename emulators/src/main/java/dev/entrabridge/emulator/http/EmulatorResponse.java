package dev.entrabridge.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an emulator route answers: status, headers and body bytes.
 *
 * @param status  HTTP status code
 * @param headers response headers (name to values)
 * @param body    response body
 */
public record EmulatorResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public EmulatorResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static EmulatorResponse of(int status, String contentType, String body) {
        return new EmulatorResponse(status, Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static EmulatorResponse json(int status, String json) {
        return of(status, "application/json; charset=utf-8", json);
    }

    public static EmulatorResponse xml(int status, String xml) {
        return of(status, "text/xml", xml);
    }

    public static EmulatorResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text);
    }

    public static EmulatorResponse notFound(String path) {
        return text(404, "no route for " + path);
    }

    /** A copy with one more header. */
    public EmulatorResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.put(name, List.of(value));
        return new EmulatorResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
