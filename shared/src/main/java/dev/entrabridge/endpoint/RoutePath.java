package dev.entrabridge.endpoint;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request path split into the route and its {@code {api}} segment. The segment is checked on the
 * raw, still-encoded path: an encoded slash, dot or backslash, a dot segment or anything outside
 * a plain name is refused, so {@code {api}} can never walk to another route or another API.
 *
 * @param route the first segment, e.g. {@code AuthorizationHeaderUnauthenticated}
 * @param api   the {@code {api}} segment, if the path has one
 */
record RoutePath(String route, Optional<String> api) {

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_PATH = 512;

    static RoutePath parse(String rawPath) {
        if (rawPath.length() > MAX_PATH) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PATH", "The request path is longer than " + MAX_PATH + " characters.",
                    "Use one of the documented routes.");
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..") || segment.equals(".") || segment.contains("%") || segment.contains("\\")) {
                throw RequestRefused.badRequest("BRIDGE_PATH_TRAVERSAL",
                        "The request path contains a dot segment or an encoded character ('"
                                + QueryParameters.printable(segment) + "').",
                        "Name the API by its configured name, e.g. /AuthorizationHeaderUnauthenticated/graph.");
            }
        }
        if (segments.length == 1) {
            return new RoutePath(segments[0], Optional.empty());
        }
        if (segments.length > 2 || segments[1].isEmpty()) {
            throw RequestRefused.of(404, "BRIDGE_UNKNOWN_ROUTE", "No route matches '" + QueryParameters.printable(rawPath) + "'.",
                    "Use /{route}/{api}, e.g. /AuthorizationHeaderUnauthenticated/graph; the API name is a single segment.");
        }
        if (!API_NAME.matcher(segments[1]).matches()) {
            throw RequestRefused.badRequest("BRIDGE_BAD_API_NAME",
                    "'" + QueryParameters.printable(segments[1]) + "' is not a valid API name.",
                    "API names are letters, digits, '.', '_' and '-', up to 64 characters.");
        }
        return new RoutePath(segments[0], Optional.of(segments[1]));
    }
}
