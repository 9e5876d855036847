package dev.entrabridge.endpoint;

import dev.entrabridge.config.DownstreamDefaults;
import dev.entrabridge.downstream.HeaderNames;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The downstream-call options of {@code /DownstreamApi[Unauthenticated]/{api}}, merged with the API's
 * configured defaults as Microsoft's sidecar merges them: the path below the fixed base URL and its
 * extra query parameters, the method, the {@code Accept} and body {@code Content-Type}, and extra
 * request headers. Headers that carry a credential or frame the message stay the bridge's: a caller's
 * value for them is dropped with a warning, as Microsoft's reserved-header list drops them.
 *
 * @param relativePath the path (and query) below the base URL, possibly empty
 * @param method       GET, POST, PUT, PATCH or DELETE
 * @param contentType  {@code optionsOverride.ContentType}, if given (else the request's own)
 * @param headers      request headers to send: {@code Accept} and the extra ones
 */
record DownstreamOptions(String relativePath, String method, String contentType, Map<String, String> headers) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final System.Logger LOG = System.getLogger(DownstreamOptions.class.getName());

    static DownstreamOptions from(QueryParameters q, DownstreamDefaults defaults) {
        String method = q.single(QueryParameters.HTTP_METHOD).map(m -> m.toUpperCase(Locale.ROOT)).orElse(defaults.httpMethod());
        if (!METHODS.contains(method)) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER",
                    QueryParameters.HTTP_METHOD + " must be one of " + String.join(", ", new TreeSet<>(METHODS)) + ".",
                    "Use GET, POST, PUT, PATCH or DELETE.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        q.extraHeaders().forEach((name, value) -> {
            if (!HeaderNames.isValidName(name)) {
                throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "'" + QueryParameters.printable(name)
                        + "' is not an HTTP header name.", "Name a header after optionsOverride.ExtraHeaderParameters.");
            }
            if (HeaderNames.isReserved(name)) {
                LOG.log(System.Logger.Level.WARNING, "event=reserved_header_dropped name=\"{0}\"", QueryParameters.printable(name));
            } else {
                headers.put(name, value);
            }
        });
        q.single(QueryParameters.ACCEPT_HEADER).ifPresent(accept -> headers.put("Accept", accept));
        String path = q.single(QueryParameters.RELATIVE_PATH).orElse(defaults.relativePath());
        return new DownstreamOptions(withQuery(path, q.extraQuery()), method,
                q.single(QueryParameters.CONTENT_TYPE).orElse(null), Map.copyOf(headers));
    }

    /** Appends {@code ExtraQueryParameters}, percent-encoded, to the path's own query. */
    private static String withQuery(String path, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append(path.contains("?") ? "&" : "?");
        String sep = "";
        for (Map.Entry<String, String> e : extra.entrySet()) {
            out.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
