package dev.entrabridge.audit;

import java.util.regex.Pattern;

/**
 * Recognises values that look like a JWT (three base64url segments, the first an encoded JSON
 * header) so the audit log can refuse to write them, whatever field they arrive in.
 */
final class TokenRedaction {

    static final String REDACTED = "<redacted>";

    /**
     * A JOSE header is a JSON object, so its base64url form starts with 'e' ("{" → 0x7B → 'e').
     * The other two segments may be short (alg none has an empty signature). Long dotted triples of
     * base64url are also treated as tokens: host names never have three 20+ character labels.
     */
    private static final Pattern JWT_LIKE = Pattern.compile(
            "(?<![A-Za-z0-9_-])(e[A-Za-z0-9_-]{7,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"
                    + "|[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,})");

    private TokenRedaction() {
    }

    static boolean looksLikeToken(String value) {
        return value != null && twoDots(value) && JWT_LIKE.matcher(value).find();
    }

    /** Both shapes need two dots: most values (names, ids, codes) have fewer, and need no regex. */
    private static boolean twoDots(String value) {
        int first = value.indexOf('.');
        return first >= 0 && value.indexOf('.', first + 1) >= 0;
    }

    /** The value, or {@link #REDACTED} when any part of it looks like a token. */
    static String guard(String value) {
        return looksLikeToken(value) ? REDACTED : value;
    }
}
