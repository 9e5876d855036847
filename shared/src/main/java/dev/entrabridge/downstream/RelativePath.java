package dev.entrabridge.downstream;

import dev.entrabridge.downstream.DownstreamException.Reason;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A caller-supplied path (and query) below a configured API's base URL, checked so it can only
 * name a resource of that API: no traversal ({@code ..}, {@code //}, encoded dots, slashes or
 * backslashes), no absolute or protocol-relative URL, no CR/LF or other
 * control characters. Matching against {@code allowedPaths} is by whole path segments. Characters a
 * URI cannot hold (spaces, quotes, braces, non-ASCII) are percent-encoded as UTF-8, as .NET's
 * {@code Uri} does for Microsoft's sidecar, so OData such as {@code $filter=displayName eq 'Alice'}
 * works unencoded; an empty path is the base URL itself.
 */
public final class RelativePath {

    static final int MAX_LENGTH = 2048;
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** RFC 3986 unreserved, sub-delims, ':', '@', '/', '?' and '%' (escapes are checked separately). */
    private static final String URI_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?%";
    private static final String HEX = "0123456789ABCDEF";

    private final String path;
    private final String query;

    private RelativePath(String path, String query) {
        this.path = path;
        this.query = query;
    }

    /** @throws DownstreamException with {@link Reason#BAD_PATH} saying what is wrong */
    public static RelativePath parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new RelativePath("/", "");
        }
        if (raw.length() > MAX_LENGTH) {
            throw bad("RelativePath is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad("RelativePath contains a control character (CR, LF, tab …)");
            }
            if (c == '\\') {
                throw bad("RelativePath contains a backslash");
            }
            if (c == '#') {
                throw bad("RelativePath contains a fragment ('#')");
            }
        }
        if (SCHEME.matcher(raw).find() || raw.startsWith("//")) {
            throw bad("RelativePath must be a path such as /v1.0/users, not an absolute or protocol-relative URL");
        }
        String escaped = escape(raw);
        if (escaped.length() > MAX_LENGTH * 3) {
            throw bad("RelativePath is longer than " + MAX_LENGTH + " characters once percent-encoded");
        }
        String withSlash = escaped.startsWith("/") ? escaped : "/" + escaped;
        int q = withSlash.indexOf('?');
        String path = q < 0 ? withSlash : withSlash.substring(0, q);
        String query = q < 0 ? "" : withSlash.substring(q + 1);
        checkPath(path);
        checkEscapes(query, false);
        return new RelativePath(path, query);
    }

    /** Percent-encodes (UTF-8) every character a URI may not hold as is; existing escapes stay. */
    private static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x80 && URI_CHARS.indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
            for (byte b : raw.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
            }
            i = end - 1;
        }
        return out.toString();
    }

    private static void checkPath(String path) {
        if (path.contains("//")) {
            throw bad("RelativePath contains an empty segment ('//')");
        }
        checkEscapes(path, true);
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw bad("RelativePath contains a '" + segment + "' segment");
            }
        }
    }

    /** Percent escapes must be well formed; in the path they may not hide '.', '/', '\', '%' or control characters. */
    private static void checkEscapes(String s, boolean inPath) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                throw bad("RelativePath has a malformed percent escape");
            }
            int decoded = Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16);
            if (inPath && (decoded == '.' || decoded == '/' || decoded == '\\' || decoded == '%' || decoded < 0x20 || decoded == 0x7f)) {
                throw bad("RelativePath contains an encoded '.', '/', '\\', '%' or control character (%"
                        + s.substring(i + 1, i + 3) + ")");
            }
        }
    }

    public String path() {
        return path;
    }

    /** The raw query without {@code ?}, or empty. */
    public String query() {
        return query;
    }

    /** True when the path equals one of the prefixes or lies below it (whole segments: {@code /users} does not allow {@code /usersX}). */
    public boolean isWithin(List<String> prefixes) {
        for (String prefix : prefixes) {
            String p = prefix.startsWith("/") ? prefix : "/" + prefix;
            if (p.equals("/") || path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The full URL below {@code baseUrl} (whose own path is kept as a prefix). The path always starts
     * with one slash after the base's authority, so an {@code @} in it (a UPN such as
     * {@code /v1.0/users/adele@contoso.com}) is an ordinary path character and cannot become userinfo;
     * the authority is compared again below all the same.
     */
    public URI resolveAgainst(URI baseUrl) {
        String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        String url = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + basePath + path
                + (query.isEmpty() ? "" : "?" + query);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw bad("RelativePath is not a valid URI path");
        }
        if (!baseUrl.getRawAuthority().equals(uri.getRawAuthority())) {
            throw bad("RelativePath would leave the API's host");
        }
        return uri;
    }

    private static DownstreamException bad(String message) {
        return new DownstreamException(Reason.BAD_PATH, message);
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
