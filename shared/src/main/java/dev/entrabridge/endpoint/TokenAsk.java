package dev.entrabridge.endpoint;

import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.inbound.Caller;

import java.util.Objects;

/**
 * One token a route wants, with who asks and for which API: what policy decides on and what the
 * audit line records.
 *
 * @param caller  the authenticated caller
 * @param api     the configured API name, or {@code null} when the caller named scopes directly
 * @param request what to ask the core for
 */
record TokenAsk(Caller caller, String api, AgentTokenRequest request) {

    TokenAsk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(request, "request");
    }
}
