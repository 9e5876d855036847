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
        return value != null && mayHoldToken(value) && JWT_LIKE.matcher(value).find();
    }

    /**
     * What both shapes need, in one pass without the regex: eight or more base64url characters, a dot, one or
     * more base64url characters and another dot. Names, ids, addresses ({@code 127.0.0.1}) and scopes
     * ({@code https://graph.microsoft.com/.default}) have no such run, and every audit line holds a few of them.
     */
    static boolean mayHoldToken(String value) {
        int run = 0;
        boolean afterLongSegment = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (afterLongSegment && run > 0) {
                    return true;
                }
                afterLongSegment = run >= 8;
                run = 0;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                run++;
            } else {
                run = 0;
                afterLongSegment = false;
            }
        }
        return false;
    }

    /** The value, or {@link #REDACTED} when any part of it looks like a token. */
    static String guard(String value) {
        return looksLikeToken(value) ? REDACTED : value;
    }
}
