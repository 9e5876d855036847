package dev.entrabridge.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.DownstreamDefaults;
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
 * The token-related query parameters of the sidecar-compatible routes, validated, merged with the
 * API's configured defaults as Microsoft's sidecar merges them, and the flow they select. Without
 * {@code AgentIdentity} the token is the blueprint's own, which the caller policy grants only by an
 * explicit {@code blueprint-app} or {@code blueprint-obo} rule; an agent user may be named on every
 * route (the bearer of the authenticated routes then only authenticates the caller).
 *
 * @param agent           {@code AgentIdentity}: configured agent name or agent identity appId, or {@code null}
 * @param agentUser       {@code AgentUsername} or {@code AgentUserId} (the username wins, as in Microsoft's), if given
 * @param scopes          {@code optionsOverride.Scopes}, if given (replacing the API's scopes)
 * @param requestAppToken {@code optionsOverride.RequestAppToken} as given, if given
 * @param appTokenDefault the API's configured {@code RequestAppToken}
 * @param forceRefresh    {@code optionsOverride.AcquireTokenOptions.ForceRefresh}, or the API's
 * @param tenant          {@code optionsOverride.AcquireTokenOptions.Tenant}, or the API's, or {@code null}
 * @param correlationId   {@code optionsOverride.AcquireTokenOptions.CorrelationId}, or {@code null}
 * @param claims          {@code optionsOverride.AcquireTokenOptions.Claims} (a claims challenge), or the API's, or {@code null}
 */
record TokenOptions(String agent, Optional<AgentUser> agentUser, Optional<List<String>> scopes,
                    Optional<Boolean> requestAppToken, boolean appTokenDefault, boolean forceRefresh, String tenant,
                    String correlationId, String claims) {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,127}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E]{1,512}");
    private static final int MAX_SCOPES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(TokenOptions.class.getName());

    static TokenOptions from(QueryParameters q, DownstreamDefaults defaults) {
        String agent = q.single(QueryParameters.AGENT_IDENTITY).orElse(null);
        Optional<AgentUser> user = agent == null ? Optional.empty()
                : q.single(QueryParameters.AGENT_USERNAME).map(AgentUser::byUsername)
                        .or(() -> q.single(QueryParameters.AGENT_USER_ID).map(TokenOptions::objectId));
        if (q.has(QueryParameters.AGENT_USERNAME) && q.has(QueryParameters.AGENT_USER_ID)) {
            LOG.log(System.Logger.Level.INFO, "event=agent_user_named_twice used=AgentUsername");
        }
        if (agent == null && (q.has(QueryParameters.AGENT_USERNAME) || q.has(QueryParameters.AGENT_USER_ID))) {
            // As Microsoft's sidecar: an agent user means nothing without the agent it belongs to.
            LOG.log(System.Logger.Level.WARNING, "event=agent_user_ignored reason=no_agent_identity");
        }
        Optional<List<String>> scopes = q.has(QueryParameters.SCOPES)
                ? Optional.of(scopes(q.all(QueryParameters.SCOPES))) : Optional.empty();
        String tenant = q.single(QueryParameters.TENANT).or(defaults::tenant).map(t -> {
            if (!TENANT.matcher(t).matches()) {
                throw RequestRefused.unauthenticated("The tenant override is not a tenant id or domain this bridge serves.",
                        "Leave " + QueryParameters.TENANT + " out: agent identities are served from the bridge's own tenant.");
            }
            return t;
        }).orElse(null);
        String correlationId = q.single(QueryParameters.CORRELATION_ID).map(TokenOptions::correlationId).orElse(null);
        String claims = q.single(QueryParameters.CLAIMS).or(defaults::claims).map(TokenOptions::claims).orElse(null);
        return new TokenOptions(agent, user, scopes, q.flag(QueryParameters.REQUEST_APP_TOKEN), defaults.requestAppToken(),
                q.flag(QueryParameters.FORCE_REFRESH).orElse(false) || defaults.forceRefresh(), tenant, correlationId, claims);
    }

    /**
     * The flow the parameters select on a route.
     *
     * @param userRoute whether the route is on-behalf-of the bearer token's user ({@code /AuthorizationHeader},
     *                  {@code /DownstreamApi})
     */
    Flow flow(boolean userRoute) {
        // As Microsoft merges them: a configured true is not turned off by an override of false.
        boolean appToken = requestAppToken.orElse(false) || appTokenDefault;
        if (agentUser.isPresent()) {
            if (requestAppToken.orElse(false)) {
                throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_FLOW",
                        "optionsOverride.RequestAppToken=true asks for an app-only token, but an agent user is named.",
                        "Drop either optionsOverride.RequestAppToken or AgentUsername/AgentUserId.");
            }
            return Flow.AGENT_USER;
        }
        if (userRoute) {
            return appToken ? Flow.AUTONOMOUS : Flow.ON_BEHALF_OF;
        }
        if (requestAppToken.isPresent() && !requestAppToken.get() && !appTokenDefault) {
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
                .forceRefresh(forceRefresh).tenant(tenant).correlationId(correlationId).claims(claims);
        if (flow == Flow.ON_BEHALF_OF) {
            b.onBehalfOf(userAssertion);
        } else if (flow == Flow.AGENT_USER) {
            b.agentUser(agentUser.orElseThrow());
        }
        return b.build();
    }

    /** A claims challenge must be a JSON object, as Entra's {@code claims} parameter is. */
    private static String claims(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return value;
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", QueryParameters.CLAIMS + " is not a JSON object.",
                "Pass the claims challenge exactly as the API's WWW-Authenticate header gave it (base64-decoded), "
                        + "e.g. {\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}.");
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

    /** Like Microsoft's sidecar, a bad AgentUserId is not echoed back. */
    static AgentUser objectId(String value) {
        UUID id;
        try {
            id = value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id == null || (id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0)) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "AgentUserId must be a non-empty GUID.",
                    "Give the agent user's object id (a GUID), or use AgentUsername with its UPN.");
        }
        return AgentUser.byObjectId(id);
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
