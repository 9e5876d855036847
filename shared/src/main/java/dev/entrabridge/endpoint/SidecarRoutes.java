package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.downstream.DownstreamCaller;
import dev.entrabridge.downstream.DownstreamRequest;
import dev.entrabridge.downstream.DownstreamResponse;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.inbound.CallerTokenValidator;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.Flow;

import java.nio.charset.StandardCharsets;



/**
 * The routes of Microsoft's Entra SDK for AgentID sidecar: {@code /AuthorizationHeader[Unauthenticated]/{api}}
 * and {@code /DownstreamApi[Unauthenticated]/{api}}, answering in its shapes so clients written for it
 * work unchanged. On the authenticated routes the bearer is checked first (401 before any parameter),
 * then the parameters, then the API (unknown: 400, as there).
 */
final class SidecarRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] AUTHORIZATION_HEADER_HEAD = "{\"authorizationHeader\":\"Bearer ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTHORIZATION_HEADER_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final ApiCatalog apis;
    private final TokenIssuance issuance;
    private final CallerTokenValidator userTokens;
    private final DownstreamCaller downstream;
    private final Answered[] recent = new Answered[16];

    /**
     * @param userTokens validates the user's token on the on-behalf-of routes before Entra sees it, or
     *                   {@code null} to leave that to Entra (which refuses a token not aimed at the blueprint)
     */
    SidecarRoutes(ApiCatalog apis, TokenIssuance issuance, CallerTokenValidator userTokens, DownstreamCaller downstream) {
        this.apis = apis;
        this.issuance = issuance;
        this.userTokens = userTokens;
        this.downstream = downstream;
    }

    BridgeResponse authorizationHeader(BridgeRequest request, Caller caller, String apiName, boolean userRoute,
                                       String correlationId) {
        String bearer = userRoute ? authenticatedBearer(request) : null;
        QueryParameters query = QueryParameters.read(request.query());
        DownstreamApi api = apis.require(apiName);
        AgentToken token = token(caller, api, bearer, userRoute, query, correlationId);
        return BridgeResponse.tokenJson(answered(token.accessToken()));
    }

    /**
     * The body for a token, kept for the next request that gets the very same token from the cache: checking
     * and copying a thousand-odd characters again was a cost of every cached answer. Slots are picked by the
     * token's identity; a collision only builds the body again. The answer copies the bytes, so sharing them
     * is safe, and each slot holds a token the cache holds anyway.
     */
    private byte[] answered(String accessToken) {
        int slot = System.identityHashCode(accessToken) & (recent.length - 1);
        Answered last = recent[slot];
        if (last != null && last.accessToken == accessToken) {
            return last.body;
        }
        byte[] body = authorizationHeaderBody(accessToken);
        recent[slot] = new Answered(accessToken, body);
        return body;
    }

    /** A token and its answer's body; immutable, so a slot read racing a write sees one or the other. */
    private record Answered(String accessToken, byte[] body) {
        @Override
        public String toString() {
            return "Answered[<redacted>]";
        }
    }

    /**
     * {@code {"authorizationHeader":"Bearer <token>"}} as UTF-8. A JWT is base64url and dots, which JSON
     * carries as they are: its bytes are copied in at once, where Jackson's generator would look at each of
     * its thousand-odd characters (the largest cost of a cached token's answer). Anything else goes through
     * Jackson.
     */
    static byte[] authorizationHeaderBody(String accessToken) {
        if (!plainJsonText(accessToken)) {
            return bytes(JSON.createObjectNode().put("authorizationHeader", "Bearer " + accessToken));
        }
        byte[] token = accessToken.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[AUTHORIZATION_HEADER_HEAD.length + token.length + AUTHORIZATION_HEADER_TAIL.length];
        System.arraycopy(AUTHORIZATION_HEADER_HEAD, 0, body, 0, AUTHORIZATION_HEADER_HEAD.length);
        System.arraycopy(token, 0, body, AUTHORIZATION_HEADER_HEAD.length, token.length);
        System.arraycopy(AUTHORIZATION_HEADER_TAIL, 0, body, AUTHORIZATION_HEADER_HEAD.length + token.length,
                AUTHORIZATION_HEADER_TAIL.length);
        return body;
    }

    /** Printable ASCII without the two characters a JSON string escapes ({@code "} and {@code \}). */
    private static boolean plainJsonText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    BridgeResponse downstreamApi(BridgeRequest request, Caller caller, String apiName, boolean userRoute,
                                 String correlationId) {
        String bearer = userRoute ? authenticatedBearer(request) : null;
        QueryParameters query = QueryParameters.read(request.query());
        DownstreamApi api = apis.require(apiName);
        DownstreamOptions options = DownstreamOptions.from(query, api.defaults());
        if (downstream == null) {
            throw RequestRefused.of(404, "BRIDGE_DOWNSTREAM_DISABLED", "Downstream calls are not enabled in this deployment.",
                    "Use /AuthorizationHeaderUnauthenticated/{api} and call the API yourself.");
        }
        // As Microsoft's sidecar: the body is forwarded only when the request says what it is.
        String contentType = request.header("Content-Type").filter(t -> !t.isBlank())
                .map(t -> options.contentType() != null ? options.contentType() : t).orElse(null);
        byte[] body = contentType == null ? new byte[0] : request.body();
        DownstreamRequest call = new DownstreamRequest(options.method(), options.relativePath(), options.headers(),
                contentType, body);
        // Refuse a bad or non-allowlisted path before any token is issued for it.
        downstream.target(api, call);
        AgentToken token = token(caller, api, bearer, userRoute, query, correlationId);
        DownstreamResponse answer = downstream.call(api, token.accessToken(), call);
        ObjectNode json = JSON.createObjectNode().put("statusCode", answer.statusCode());
        json.set("headers", JSON.valueToTree(answer.headers()));
        json.put("content", answer.content());
        return BridgeResponse.json(200, json.toString()).noStore();
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** The bearer of an authenticated route, validated: it authenticates the caller whatever the flow. */
    private String authenticatedBearer(BridgeRequest request) {
        String bearer = BearerToken.from(request);
        if (userTokens != null) {
            userTokens.validate(bearer);
        }
        return bearer;
    }

    private AgentToken token(Caller caller, DownstreamApi api, String bearer, boolean userRoute, QueryParameters query,
                             String correlationId) {
        TokenOptions options = TokenOptions.from(query, api.defaults());
        Flow flow = options.flow(userRoute);
        String id = options.correlationId() != null ? options.correlationId() : correlationId;
        return issuance.issue(options.request(caller, api.name(), flow, flow == Flow.ON_BEHALF_OF ? bearer : null)
                .withCorrelationId(id));
    }

}
