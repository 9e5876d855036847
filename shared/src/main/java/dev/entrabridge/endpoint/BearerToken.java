package dev.entrabridge.endpoint;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code Authorization: Bearer …} header of the authenticated routes. Exactly one header,
 * the Bearer scheme, and RFC 6750 token characters only; the token itself never appears in a
 * refusal.
 */
final class BearerToken {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    static final int MAX_CHARS = 16 * 1024;

    private BearerToken() {
    }

    static String from(BridgeRequest request) {
        List<String> values = request.headerValues("Authorization");
        if (values.isEmpty()) {
            throw RequestRefused.unauthenticated("This route needs the user's token in an Authorization: Bearer header.",
                    "Send Authorization: Bearer <user token whose audience is the agent identity blueprint>.");
        }
        if (values.size() > 1) {
            throw RequestRefused.badRequest("BRIDGE_DUPLICATE_HEADER", "The Authorization header is given more than once.",
                    "Send exactly one Authorization header.");
        }
        String value = values.get(0).strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw RequestRefused.unauthenticated("The Authorization header does not use the Bearer scheme.",
                    "Send Authorization: Bearer <token>.");
        }
        String token = value.substring(space + 1).strip();
        if (token.length() > MAX_CHARS || !TOKEN.matcher(token).matches()) {
            throw RequestRefused.unauthenticated("The bearer token is malformed or longer than " + MAX_CHARS + " characters.",
                    "Send the compact JWT exactly as issued.");
        }
        return token;
    }
}
