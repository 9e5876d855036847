package dev.entrabridge.endpoint;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code Authorization: Bearer …} header of the authenticated routes (and the caller's
 * {@code X-Caller-Authorization: Bearer …} where callers reach the bridge over the network). Exactly one
 * header, the Bearer scheme, and RFC 6750 token characters only; the token itself never appears in a
 * refusal.
 */
final class BearerToken {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    static final int MAX_CHARS = 16 * 1024;

    private BearerToken() {
    }

    static String from(BridgeRequest request) {
        return read(request, "Authorization", "This route needs the user's token in an Authorization: Bearer header.",
                "Send Authorization: Bearer <user token whose audience is the agent identity blueprint>.");
    }

    /** The caller's own JWT from {@value NetworkCallers#HEADER}, where callers reach the bridge over the network. */
    static String caller(BridgeRequest request) {
        return read(request, NetworkCallers.HEADER, "This deployment serves callers over the network and needs "
                        + "your own OIDC token in an " + NetworkCallers.HEADER + ": Bearer header.",
                "Send " + NetworkCallers.HEADER + ": Bearer <your workload's OIDC token from an issuer the operator trusts>.");
    }

    private static String read(BridgeRequest request, String header, String missing, String remedy) {
        List<String> values = request.headerValues(header);
        if (values.isEmpty()) {
            throw RequestRefused.unauthenticated(missing, remedy);
        }
        if (values.size() > 1) {
            throw RequestRefused.badRequest("BRIDGE_DUPLICATE_HEADER", "The " + header + " header is given more than once.",
                    "Send exactly one " + header + " header.");
        }
        String value = values.get(0).strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw RequestRefused.unauthenticated("The " + header + " header does not use the Bearer scheme.",
                    "Send " + header + ": Bearer <token>.");
        }
        String token = value.substring(space + 1).strip();
        if (token.length() > MAX_CHARS || !TOKEN.matcher(token).matches()) {
            throw RequestRefused.unauthenticated("The bearer token in " + header + " is malformed or longer than "
                    + MAX_CHARS + " characters.", "Send the compact JWT exactly as issued.");
        }
        return token;
    }
}
