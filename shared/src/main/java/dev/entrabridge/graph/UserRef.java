package dev.entrabridge.graph;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A user named by object id or user principal name, checked before it becomes a path segment:
 * a GUID, or a UPN whose local part uses only the characters Entra allows in one
 * ({@code A–Z a–z 0–9 ' . - _ ! # ^ ~}) and whose domain is a host name.
 */
final class UserRef {

    static final String EXAMPLE = "AdeleV@contoso.com or an object id such as 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a81";
    private static final int MAX_LENGTH = 256;
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UPN = Pattern.compile("[A-Za-z0-9'_!#^~-](?:[A-Za-z0-9'._!#^~-]*[A-Za-z0-9'_!#^~-])?"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private UserRef() {
    }

    /** The user as given (GUIDs lower-cased), or a refusal naming {@code parameter}. */
    static String check(String value, String parameter) {
        String v = InvalidInput.required(value, parameter, EXAMPLE);
        if (v.length() > MAX_LENGTH) {
            throw InvalidInput.of(parameter, "is " + v.length() + " characters long", "Give a user principal name or "
                    + "object id of at most " + MAX_LENGTH + " characters, e.g. " + EXAMPLE + ".");
        }
        if (GUID.matcher(v).matches()) {
            return v.toLowerCase(Locale.ROOT);
        }
        if (!UPN.matcher(v).matches()) {
            throw InvalidInput.of(parameter, InvalidInput.quoted(v) + " is neither a user principal name nor an object id",
                    "Give the user's sign-in name or object id, e.g. " + EXAMPLE
                            + "; to find someone by name, search users first.");
        }
        return v;
    }

    /** The user as one percent-encoded path segment; {@code @} stays literal as Graph's own links show it. */
    static String pathSegment(String user) {
        return GraphQuery.encode(user).replace("%40", "@");
    }
}
