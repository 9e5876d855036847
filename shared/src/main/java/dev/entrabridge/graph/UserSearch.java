package dev.entrabridge.graph;

import java.util.regex.Pattern;

/**
 * Users whose display name or mail address starts with {@code prefix}: at most {@code top} of them.
 * The prefix must look like the start of a name or address (letters, digits, spaces and
 * {@code . - _ ' ’ @ + &}), so it can never change the query it is placed in.
 *
 * @param prefix 1–64 characters, trimmed
 * @param top    how many users at most, 1–999; 0 means as many as {@code BRIDGE_GRAPH_MAX_RESULTS} allows
 *               (which also caps larger values)
 */
public record UserSearch(String prefix, int top) {

    public static final int MAX_PREFIX = 64;
    private static final Pattern NAME_OR_MAIL = Pattern.compile("[\\p{L}\\p{M}\\p{N} .\\-_'’@+&]+");
    private static final Pattern HAS_LETTER_OR_DIGIT = Pattern.compile(".*[\\p{L}\\p{N}].*");

    public UserSearch {
        prefix = InvalidInput.required(prefix, "prefix", "'Adele' or 'adele.v@'");
        if (prefix.codePointCount(0, prefix.length()) > MAX_PREFIX) {
            throw InvalidInput.of("prefix", "is longer than " + MAX_PREFIX + " characters",
                    "Give the first letters of a name or mail address, e.g. 'Adele'.");
        }
        if (!NAME_OR_MAIL.matcher(prefix).matches() || !HAS_LETTER_OR_DIGIT.matcher(prefix).matches()) {
            throw InvalidInput.of("prefix", InvalidInput.quoted(prefix) + " cannot be the start of a name or mail "
                    + "address", "Use only letters, digits, spaces and . - _ ' @ + &, e.g. 'Adele' or 'adele.v@'.");
        }
        if (top < 0 || top > 999) {
            throw InvalidInput.of("top", "is " + top, "Give a number of users from 1 to 999 (or leave it out).");
        }
    }

    public static UserSearch of(String prefix) {
        return new UserSearch(prefix, 0);
    }
}
