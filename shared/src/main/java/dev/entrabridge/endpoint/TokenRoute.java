package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.inbound.CallerTokenValidator;
import dev.entrabridge.issuance.IssueRequest;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentUser;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /token}: a plain token route for clients that are not Microsoft's, in two forms —
 * a JSON body from an already-authenticated caller, or an RFC 8693 token exchange where the
 * caller's own OIDC JWT ({@code subject_token}) is what authenticates it; acting for a user
 * (RFC 8693 §4.1 delegation), {@code subject_token} is the user's token and {@code actor_token}
 * the caller's JWT.
 */
final class TokenRoute {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Set<String> FORM_PARAMETERS = Set.of("grant_type", "subject_token", "subject_token_type",
            "requested_token_type", "agent_identity", "audience", "scope", "agent_user_id", "agent_username",
            "actor_token", "actor_token_type");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiCatalog apis;
    private final TokenIssuance issuance;
    private final CallerTokenValidator callerTokens;
    private final CallerTokenValidator userTokens;
    private final Clock clock;

    /**
     * @param callerTokens validates RFC 8693 subject (or actor) tokens, or {@code null} when no issuer is trusted
     * @param userTokens   validates the user's token of a delegation before Entra sees it, or {@code null}
     */
    TokenRoute(ApiCatalog apis, TokenIssuance issuance, CallerTokenValidator callerTokens,
               CallerTokenValidator userTokens, Clock clock) {
        this.apis = apis;
        this.issuance = issuance;
        this.callerTokens = callerTokens;
        this.userTokens = userTokens;
        this.clock = clock;
    }

    /** Whether the request is an RFC 8693 token exchange (a form body), whose own tokens authenticate the caller. */
    static boolean isExchange(BridgeRequest request) {
        return mediaType(request).equals("application/x-www-form-urlencoded");
    }

    private static String mediaType(BridgeRequest request) {
        return request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    }

    BridgeResponse handle(BridgeRequest request, String correlationId) {
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (mediaType(request).equals("application/json")) {
            return json(request, correlationId);
        }
        if (isExchange(request)) {
            return exchange(request, correlationId);
        }
        throw RequestRefused.of(415, "BRIDGE_UNSUPPORTED_MEDIA_TYPE",
                "POST /token takes application/json or application/x-www-form-urlencoded, not '"
                        + QueryParameters.printable(contentType) + "'.",
                "Send Content-Type: application/json with {\"agentIdentity\":…,\"api\":…}, or an RFC 8693 form.");
    }

    private BridgeResponse json(BridgeRequest request, String correlationId) {
        Caller caller = request.authenticatedCaller().orElseThrow(() -> RequestRefused.unauthenticated(
                "This deployment did not authenticate the caller, so a JSON token request cannot be served.",
                "Use the RFC 8693 form with your own OIDC token as subject_token."));
        TokenRequestBody body = StrictJson.read(request.body(), TokenRequestBody.class);
        Optional<AgentUser> user = agentUser(body.agentUserId(), body.agentUsername(), "agentUserId", "agentUsername");
        String agent = required(body.agentIdentity(), "agentIdentity");
        return issue(caller, agent, body.api(), body.scopes(), user, null, correlationId, false);
    }

    private BridgeResponse exchange(BridgeRequest request, String correlationId) {
        Map<String, String> form = singleValued(FormDecoding.decode(FormDecoding.utf8(request.body(), "The request body")));
        if (!TOKEN_EXCHANGE.equals(form.get("grant_type"))) {
            throw RequestRefused.badRequest("BRIDGE_UNSUPPORTED_GRANT",
                    "grant_type must be " + TOKEN_EXCHANGE + ".", "Send grant_type=" + TOKEN_EXCHANGE + ".");
        }
        String subjectTokenType = required(form.get("subject_token_type"), "subject_token_type");
        if (form.containsKey("actor_token") || form.containsKey("actor_token_type")) {
            return delegation(form, subjectTokenType, correlationId);
        }
        if (!subjectTokenType.equals(JWT_TYPE) && !subjectTokenType.equals(ID_TOKEN_TYPE)) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "subject_token_type must be " + JWT_TYPE + ".",
                    "Present your workload's OIDC JWT as subject_token with subject_token_type=" + JWT_TYPE + ".");
        }
        requestedTokenType(form);
        Caller caller = callerByToken(presentToken(form, "subject_token", "Present your workload's OIDC JWT as subject_token."));
        Optional<AgentUser> user = agentUser(form.get("agent_user_id"), form.get("agent_username"),
                "agent_user_id", "agent_username");
        return issue(caller, required(form.get("agent_identity"), "agent_identity"), form.get("audience"), scopes(form), user,
                null, correlationId, true);
    }

    /**
     * RFC 8693 §4.1 delegation: the caller ({@code actor_token}, its own JWT) acts for the user whose token is
     * {@code subject_token}, so the agent's token is on-behalf-of that user.
     */
    private BridgeResponse delegation(Map<String, String> form, String subjectTokenType, String correlationId) {
        if (!subjectTokenType.equals(ACCESS_TOKEN_TYPE) && !subjectTokenType.equals(JWT_TYPE)) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "Acting for a user, subject_token_type must be "
                    + ACCESS_TOKEN_TYPE + " (the user's access token for the blueprint).",
                    "Send the user's token as subject_token with subject_token_type=" + ACCESS_TOKEN_TYPE + ".");
        }
        if (!JWT_TYPE.equals(form.get("actor_token_type")) && !ID_TOKEN_TYPE.equals(form.get("actor_token_type"))) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "actor_token and actor_token_type=" + JWT_TYPE
                    + " go together (RFC 8693 §2.1).", "Send your workload's OIDC JWT as actor_token with actor_token_type="
                    + JWT_TYPE + ".");
        }
        if (form.containsKey("agent_user_id") || form.containsKey("agent_username")) {
            throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_FLOW",
                    "agent_user_id/agent_username select the agent's own user account, but actor_token acts for subject_token's user.",
                    "Drop the agent user for on-behalf-of, or drop actor_token and present your own JWT as subject_token.");
        }
        requestedTokenType(form);
        String userToken = presentToken(form, "subject_token", "Present the user's access token as subject_token.");
        Caller caller = callerByToken(presentToken(form, "actor_token", "Present your workload's OIDC JWT as actor_token."));
        if (userTokens != null) {
            userTokens.validate(userToken);
        }
        return issue(caller, required(form.get("agent_identity"), "agent_identity"), form.get("audience"), scopes(form),
                Optional.empty(), userToken, correlationId, true);
    }

    private static void requestedTokenType(Map<String, String> form) {
        String requested = form.get("requested_token_type");
        if (requested != null && !requested.equals(ACCESS_TOKEN_TYPE)) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "requested_token_type must be " + ACCESS_TOKEN_TYPE + ".",
                    "Leave requested_token_type out or set it to " + ACCESS_TOKEN_TYPE + ".");
        }
    }

    private static String presentToken(Map<String, String> form, String name, String remedy) {
        String token = form.get(name);
        if (token == null || token.isBlank()) {
            throw RequestRefused.badRequest("BRIDGE_MISSING_PARAMETER", name + " is required.", remedy);
        }
        return token;
    }

    private Caller callerByToken(String token) {
        if (callerTokens == null) {
            throw RequestRefused.unauthenticated("No trusted issuer is configured, so your token cannot authenticate you.",
                    "Ask the operator to configure your OIDC issuer and audience as a trusted caller issuer.");
        }
        return callerTokens.validate(token);
    }

    private static List<String> scopes(Map<String, String> form) {
        return form.containsKey("scope") ? Arrays.asList(form.get("scope").trim().split(" +")) : null;
    }

    private BridgeResponse issue(Caller caller, String agent, String apiName, List<String> scopes,
                                 Optional<AgentUser> user, String userAssertion, String correlationId, boolean exchange) {
        if ((apiName == null) == (scopes == null)) {
            String a = exchange ? "audience" : "api";
            String s = exchange ? "scope" : "scopes";
            throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_SCOPES", "Give exactly one of " + a + " or " + s + ".",
                    "Name a configured API with " + a + ", or list the scopes with " + s + ".");
        }
        List<String> chosen = apiName != null ? apis.require(checkedApiName(apiName)).scopes() : TokenOptions.scopes(scopes);
        if (chosen.isEmpty()) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER", "No scope is requested.", "List at least one scope.");
        }
        IssueRequest.Builder request = IssueRequest.from(caller).agent(agent).api(apiName)
                .scopes(new LinkedHashSet<>(chosen)).correlationId(correlationId);
        user.ifPresent(request::agentUser);
        if (userAssertion != null) {
            request.onBehalfOf(userAssertion);
        }
        AgentToken token = issuance.issue(request.build());
        ObjectNode body = JSON.createObjectNode()
                .put("access_token", token.accessToken())
                .put("token_type", "Bearer")
                .put("expires_in", Math.max(0, Duration.between(clock.instant(), token.expiresOn()).toSeconds()))
                .put("expires_on", token.expiresOn().getEpochSecond());
        if (exchange) {
            body.put("issued_token_type", ACCESS_TOKEN_TYPE);
        }
        return BridgeResponse.json(200, body.toString()).noStore();
    }

    private static String checkedApiName(String name) {
        QueryParameters.checkValue("api", name);
        return RoutePath.parse("/x/" + name).api().orElseThrow();
    }

    private static Optional<AgentUser> agentUser(String id, String username, String idName, String usernameName) {
        if (id != null && username != null) {
            throw RequestRefused.badRequest("BRIDGE_AMBIGUOUS_AGENT_USER", "Both " + idName + " and " + usernameName + " are given.",
                    "Give exactly one of " + idName + " or " + usernameName + ".");
        }
        if (id != null) {
            QueryParameters.checkValue(idName, id);
            return Optional.of(TokenOptions.objectId(id));
        }
        if (username != null) {
            QueryParameters.checkValue(usernameName, username);
            return Optional.of(AgentUser.byUsername(username));
        }
        return Optional.empty();
    }

    private static String required(String value, String name) {
        if (value == null) {
            throw RequestRefused.badRequest("BRIDGE_MISSING_PARAMETER", name + " is required.", "Add " + name + ".");
        }
        QueryParameters.checkValue(name, value);
        return value;
    }

    private static Map<String, String> singleValued(Map<String, List<String>> form) {
        Map<String, String> single = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            if (!FORM_PARAMETERS.contains(e.getKey())) {
                throw RequestRefused.badRequest("BRIDGE_UNKNOWN_PARAMETER",
                        "Unknown form parameter '" + QueryParameters.printable(e.getKey()) + "'.",
                        "Use only " + String.join(", ", new java.util.TreeSet<>(FORM_PARAMETERS)) + ".");
            }
            if (e.getValue().size() > 1) {
                throw RequestRefused.badRequest("BRIDGE_DUPLICATE_PARAMETER", e.getKey() + " is given more than once.",
                        "Give " + e.getKey() + " exactly once (RFC 6749 §3.2).");
            }
            single.put(e.getKey(), e.getValue().get(0));
        }
        return single;
    }
}
