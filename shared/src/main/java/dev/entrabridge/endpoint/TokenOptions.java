package dev.entrabridge.endpoint;

import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.IssueRequest;
import dev.entrabridge.token.AgentUser;
import dev.entrabridge.token.Flow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The token-related query parameters of the sidecar-compatible routes, validated, and the flow
 * they select. Unlike Microsoft's sidecar, {@code AgentIdentity} is required and an agent
 * parameter that does not fit the route is refused, never ignored in favour of a blueprint token.
 *
 * @param agent           {@code AgentIdentity}: configured agent name or agent identity appId
 * @param agentUser       {@code AgentUsername} or {@code AgentUserId}, if given
 * @param scopes          {@code optionsOverride.Scopes}, if given (replacing the API's scopes)
 * @param requestAppToken {@code optionsOverride.RequestAppToken}, if given
 * @param forceRefresh    {@code optionsOverride.AcquireTokenOptions.ForceRefresh}
 * @param tenant          {@code optionsOverride.AcquireTokenOptions.Tenant}, or {@code null}
 * @param correlationId   {@code optionsOverride.AcquireTokenOptions.CorrelationId}, or {@code null}
 */
record TokenOptions(String agent, Optional<AgentUser> agentUser, Optional<List<String>> scopes,
                    Optional<Boolean> requestAppToken, boolean forceRefresh, String tenant, String correlationId) {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,127}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E]{1,512}");
    private static final int MAX_SCOPES = 20;

    static TokenOptions from(QueryParameters q) {
        String agent = q.single(QueryParameters.AGENT_IDENTITY).orElseThrow(() -> RequestRefused.badRequest(
                "BRIDGE_AGENT_IDENTITY_REQUIRED",
                "AgentIdentity is required: this bridge only issues agent identity tokens, never a blueprint token.",
                "Add AgentIdentity=<configured agent name or agent identity appId>."));
        if (q.has(QueryParameters.AGENT_USERNAME) && q.has(QueryParameters.AGENT_USER_ID)) {
            throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_AGENT_USER",
                    "Both AgentUsername and AgentUserId are given; they name the agent user two ways.",
                    "Give exactly one of AgentUsername or AgentUserId (the object id is preferred).");
        }
        Optional<AgentUser> user = q.single(QueryParameters.AGENT_USER_ID).map(TokenOptions::objectId)
                .or(() -> q.single(QueryParameters.AGENT_USERNAME).map(AgentUser::byUsername));
        Optional<List<String>> scopes = q.has(QueryParameters.SCOPES)
                ? Optional.of(scopes(q.all(QueryParameters.SCOPES))) : Optional.empty();
        String tenant = q.single(QueryParameters.TENANT).map(t -> {
            if (!TENANT.matcher(t).matches()) {
                throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", QueryParameters.TENANT + " is not a tenant id or domain.",
                        "Give the tenant's GUID or verified domain, e.g. contoso.onmicrosoft.com.");
            }
            return t;
        }).orElse(null);
        String correlationId = q.single(QueryParameters.CORRELATION_ID).map(TokenOptions::correlationId).orElse(null);
        return new TokenOptions(agent, user, scopes, q.flag(QueryParameters.REQUEST_APP_TOKEN),
                q.flag(QueryParameters.FORCE_REFRESH).orElse(false), tenant, correlationId);
    }

    /**
     * The flow the parameters select on a route.
     *
     * @param userRoute whether the route is on-behalf-of the bearer token's user ({@code /AuthorizationHeader},
     *                  {@code /DownstreamApi})
     */
    Flow flow(boolean userRoute) {
        boolean appToken = requestAppToken.orElse(false);
        if (agentUser.isPresent()) {
            if (userRoute) {
                throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_FLOW",
                        "AgentUsername/AgentUserId select the agent's own user account, but this route acts on behalf of the bearer token's user.",
                        "Use /AuthorizationHeaderUnauthenticated or /DownstreamApiUnauthenticated for an agent user token.");
            }
            if (appToken) {
                throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_FLOW",
                        "optionsOverride.RequestAppToken=true asks for an app-only token, but an agent user is named.",
                        "Drop either optionsOverride.RequestAppToken or AgentUsername/AgentUserId.");
            }
            return Flow.AGENT_USER;
        }
        if (userRoute) {
            return appToken ? Flow.AUTONOMOUS : Flow.ON_BEHALF_OF;
        }
        if (requestAppToken.isPresent() && !appToken) {
            throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_FLOW",
                    "optionsOverride.RequestAppToken=false asks for a user token, but this route has no user.",
                    "Name the agent user with AgentUserId or AgentUsername, or call /AuthorizationHeader with the user's token.");
        }
        return Flow.AUTONOMOUS;
    }

    /** The issuance request for this flow; scopes are the override, else (empty) the API's configured ones. */
    IssueRequest request(Caller caller, String api, Flow flow, String userAssertion) {
        IssueRequest.Builder b = IssueRequest.from(caller).agent(agent).api(api)
                .scopes(scopes.map(LinkedHashSet::new).orElse(new LinkedHashSet<>()))
                .forceRefresh(forceRefresh).tenant(tenant).correlationId(correlationId);
        if (flow == Flow.ON_BEHALF_OF) {
            b.onBehalfOf(userAssertion);
        } else if (flow == Flow.AGENT_USER) {
            b.agentUser(agentUser.orElseThrow());
        }
        return b.build();
    }

    static List<String> scopes(List<String> given) {
        if (given.size() > MAX_SCOPES) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "More than " + MAX_SCOPES + " scopes are requested.",
                    "Request at most " + MAX_SCOPES + " scopes.");
        }
        for (String scope : given) {
            if (!SCOPE.matcher(scope).matches()) {
                throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER",
                        "Scope '" + QueryParameters.printable(scope) + "' is not a single scope value (no spaces).",
                        "Repeat the scope parameter once per scope, e.g. https://graph.microsoft.com/.default.");
            }
        }
        return List.copyOf(given);
    }

    static AgentUser objectId(String value) {
        return AgentUser.byObjectId(uuid(value, QueryParameters.AGENT_USER_ID,
                "Give the agent user's object id (a GUID), or use AgentUsername with its UPN."));
    }

    static String correlationId(String value) {
        return uuid(value, QueryParameters.CORRELATION_ID, "Give a GUID, or leave it out and one is generated.").toString();
    }

    private static UUID uuid(String value, String name, String remedy) {
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER",
                    name + " must be a GUID, not '" + QueryParameters.printable(value) + "'.", remedy);
        }
    }
}
