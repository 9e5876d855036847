package dev.entrabridge.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as an emulator received it: kept for the emulator's own rules and for tests
 * that assert what a client actually sent.
 *
 * @param method     HTTP method, upper case
 * @param path       decoded request path, e.g. {@code /contoso/oauth2/v2.0/token}
 * @param rawQuery   undecoded query string, or empty
 * @param headers    header names lower-cased, values in arrival order
 * @param body       request body bytes (possibly empty)
 * @param receivedAt when the emulator received it
 */
public record RecordedRequest(String method, String path, String rawQuery,
                              Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

    public RecordedRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /** First value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Query parameters, decoded; repeated names keep every value. */
    public Map<String, List<String>> query() {
        return parseUrlEncoded(rawQuery);
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body parsed as {@code application/x-www-form-urlencoded}. */
    public Map<String, List<String>> form() {
        return parseUrlEncoded(bodyText());
    }

    public Optional<String> formParam(String name) {
        List<String> values = form().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static Map<String, List<String>> parseUrlEncoded(String text) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return result;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
