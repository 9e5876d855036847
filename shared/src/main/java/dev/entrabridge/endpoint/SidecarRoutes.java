package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.downstream.DownstreamCaller;
import dev.entrabridge.downstream.DownstreamRequest;
import dev.entrabridge.downstream.DownstreamResponse;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.inbound.CallerTokenValidator;
import dev.entrabridge.issuance.TokenIssuance;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The routes of Microsoft's Entra SDK for AgentID sidecar: {@code /AuthorizationHeader[Unauthenticated]/{api}}
 * and {@code /DownstreamApi[Unauthenticated]/{api}}, answering in its shapes so clients written for it
 * work unchanged.
 */
final class SidecarRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final ApiCatalog apis;
    private final TokenIssuance issuance;
    private final CallerTokenValidator userTokens;
    private final DownstreamCaller downstream;

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
        QueryParameters query = QueryParameters.check(request.query(), QueryParameters.TOKEN_PARAMETERS);
        AgentToken token = token(request, caller, apiName, userRoute, query, correlationId);
        ObjectNode body = JSON.createObjectNode().put("authorizationHeader", "Bearer " + token.accessToken());
        return BridgeResponse.json(200, body.toString()).noStore();
    }

    BridgeResponse downstreamApi(BridgeRequest request, Caller caller, String apiName, boolean userRoute,
                                 String correlationId) {
        QueryParameters query = QueryParameters.check(request.query(), QueryParameters.DOWNSTREAM_PARAMETERS);
        String relativePath = query.single(QueryParameters.RELATIVE_PATH).orElseThrow(() -> RequestRefused.badRequest(
                "BRIDGE_RELATIVE_PATH_REQUIRED", QueryParameters.RELATIVE_PATH + " is required on this route.",
                "Add " + QueryParameters.RELATIVE_PATH + "=<path under the API's base URL>, e.g. /v1.0/users."));
        String method = query.single(QueryParameters.HTTP_METHOD).map(m -> m.toUpperCase(Locale.ROOT)).orElse("GET");
        if (!METHODS.contains(method)) {
            throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER",
                    QueryParameters.HTTP_METHOD + " must be one of " + String.join(", ", new java.util.TreeSet<>(METHODS)) + ".",
                    "Use GET, POST, PUT, PATCH or DELETE.");
        }
        if (downstream == null) {
            throw RequestRefused.of(404, "BRIDGE_DOWNSTREAM_DISABLED", "Downstream calls are not enabled in this deployment.",
                    "Use /AuthorizationHeaderUnauthenticated/{api} and call the API yourself.");
        }
        byte[] body = request.body();
        String contentType = body.length == 0 ? null : request.header("Content-Type").orElse("application/json");
        DownstreamRequest call = new DownstreamRequest(method, relativePath, Map.of(), contentType, body);
        DownstreamApi api = apis.require(apiName);
        // Refuse a bad or non-allowlisted path before any token is issued for it.
        downstream.target(api, call);
        AgentToken token = token(request, caller, apiName, userRoute, query, correlationId);
        DownstreamResponse answer = downstream.call(api, token.accessToken(), call);
        ObjectNode json = JSON.createObjectNode().put("statusCode", answer.statusCode());
        json.set("headers", JSON.valueToTree(answer.headers()));
        json.put("content", answer.content());
        return BridgeResponse.json(200, json.toString()).noStore();
    }

    private AgentToken token(BridgeRequest request, Caller caller, String apiName, boolean userRoute,
                             QueryParameters query, String correlationId) {
        DownstreamApi api = apis.require(apiName);
        TokenOptions options = TokenOptions.from(query);
        Flow flow = options.flow(userRoute);
        String userAssertion = null;
        if (userRoute) {
            // The route is authenticated even when RequestAppToken=true: the bearer is always required.
            userAssertion = BearerToken.from(request);
            if (userTokens != null) {
                userTokens.validate(userAssertion);
            }
        }
        String id = options.correlationId() != null ? options.correlationId() : correlationId;
        return issuance.issue(options.request(caller, api.name(), flow, userAssertion).withCorrelationId(id));
    }
}
