package dev.entrabridge.endpoint;

import dev.entrabridge.inbound.CallerTokenValidator;

import java.util.Objects;

/**
 * The caller-authentication stage of a deployment whose callers reach it over a network (the Azure
 * Function on the internet): before any route runs, the request must prove its caller with the caller's
 * own OIDC JWT from a trusted issuer ({@code BRIDGE_CALLERS}). The token travels in
 * {@value #HEADER}{@code : Bearer …} on every route except {@code POST /token}'s RFC 8693 form, where
 * {@code subject_token} (or, acting for a user, {@code actor_token}) already is that proof and the route
 * validates it. Whatever caller the adapter put on the request is discarded: here only a token says who calls.
 */
final class NetworkCallers {

    /**
     * Not {@code Authorization}: on the on-behalf-of routes that header carries the user's token, and a caller
     * must never be mistaken for a user or a user for a caller.
     */
    static final String HEADER = "X-Caller-Authorization";

    private final CallerTokenValidator callers;

    NetworkCallers(CallerTokenValidator callers) {
        this.callers = Objects.requireNonNull(callers, "callers: the trusted caller issuers (BRIDGE_CALLERS)");
    }

    /**
     * @param route the request's route, lower case
     * @return the request with its authenticated caller, or without one for an RFC 8693 exchange, whose
     *         tokens {@link TokenRoute} validates
     * @throws RequestRefused 401 without a caller token, 400 when an exchange names its caller twice
     * @throws dev.entrabridge.inbound.CallerAuthenticationException when the token is refused (401, or 503
     *         when the issuer's keys cannot be fetched)
     */
    BridgeRequest authenticate(BridgeRequest request, String route) {
        boolean headerGiven = !request.headerValues(HEADER).isEmpty();
        if (route.equals("token") && TokenRoute.isExchange(request)) {
            if (headerGiven) {
                throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_CALLER",
                        "The caller is named twice: by " + HEADER + " and by the token exchange's own tokens.",
                        "Leave " + HEADER + " out of an RFC 8693 exchange: subject_token (or actor_token when acting "
                                + "for a user) is your proof.");
            }
            return request.withCaller(null);
        }
        return request.withCaller(callers.validate(BearerToken.caller(request)));
    }
}
