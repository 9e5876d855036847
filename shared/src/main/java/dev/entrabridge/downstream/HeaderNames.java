package dev.entrabridge.downstream;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Header names on the way out and back: which request headers a caller may never set (they carry the
 * agent's credential, identify the host or frame the message), and the spelling response headers are
 * reported in. The JDK client hands response names over in lower case, so they are spelt as the
 * downstream API spells them: Graph's own ({@code request-id}, {@code OData-Version}), else the HTTP
 * registry's capitalisation ({@code Content-Type}), as .NET reports them for Microsoft's sidecar.
 */
public final class HeaderNames {

    /** RFC 9110 token characters: anything else cannot be a header name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

    /** Microsoft's reserved names plus what the JDK client or HTTP framing owns. */
    private static final Set<String> RESERVED = Set.of("authorization", "proxy-authorization", "cookie", "host",
            "x-original-url", "x-ms-client-principal", "x-ms-client-principal-id", "x-ms-client-principal-name",
            "x-ms-client-principal-idp", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "te",
            "trailer", "keep-alive", "content-type");
    private static final String[] RESERVED_PREFIXES = {"x-forwarded-", "x-ms-token-aad-", "proxy-"};

    /** Graph's spelling where it is not the registry's capitalisation. */
    private static final Map<String, String> SPELLING = Map.of("request-id", "request-id",
            "client-request-id", "client-request-id", "odata-version", "OData-Version", "etag", "ETag",
            "www-authenticate", "WWW-Authenticate", "preference-applied", "Preference-Applied");

    private HeaderNames() {
    }

    /** Whether {@code name} is an RFC 9110 token, i.e. can be a header name at all. */
    public static boolean isValidName(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /** Whether a caller may not set this header (case-insensitive). */
    public static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
            return true;
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The spelling to report a response header under, e.g. {@code content-type} → {@code Content-Type}. */
    static String spelt(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String known = SPELLING.get(lower);
        if (known != null) {
            return known;
        }
        if (lower.startsWith("x-ms-")) {
            return lower; // Graph sends its x-ms-* headers in lower case
        }
        StringBuilder out = new StringBuilder(lower.length());
        boolean upper = true;
        for (char c : lower.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }
}
