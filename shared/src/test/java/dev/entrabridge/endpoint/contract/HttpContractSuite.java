package dev.entrabridge.endpoint.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTTP contract, once, for every deployment: a subclass supplies a {@link ContractTarget}
 * (the sidecar over HTTP, later the Lambda Function URL and the Azure Function) set up with the
 * real core against a tenant described by its {@link ContractFixture}. Checks statuses, bodies and
 * headers for success, every refusal reason and every bad-input class, the audit line of each
 * outcome, and that no token ever reaches an error body or a log.
 */
public abstract class HttpContractSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A JWT header and payload: what must never appear in an error body or a log line. */
    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");

    /** The deployment under test; set up once per class by the subclass. */
    protected abstract ContractTarget target();

    private ContractFixture fixture() {
        return target().fixture();
    }

    // ---- success -------------------------------------------------------------------------------

    @Test
    void autonomousAuthorizationHeaderIsAnAgentTokenForTheApi() {
        Response response = get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        String header = json(response).get("authorizationHeader").asText();
        assertThat(header).startsWith("Bearer ");
        JsonNode claims = claims(header.substring(7));
        assertThat(text(claims, "azp", "appid")).isEqualTo(fixture().agentAppId());
        assertThat(claims.path("idtyp").asText()).isEqualTo("app");
        assertThat(lastAudit()).contains("\"outcome\":\"issued\"", "\"agent\":\"" + fixture().agent() + "\"",
                "\"flow\":\"autonomous\"", "\"api\":\"" + fixture().api() + "\"");
    }

    @Test
    void aClientWrittenForMicrosoftsSidecarWorksUnchanged() {
        // What such a client does: ask by agent identity appId, then call the API with the header as is.
        Response header = get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agentAppId());
        assertThat(header.status()).as(header.body()).isEqualTo(200);
        String authorization = json(header).get("authorizationHeader").asText();

        Response users = target().callDirectly(fixture().apiUsersUrl(), Map.of("Authorization", authorization));

        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertThat(json(users).get("value").isArray()).isTrue();
        assertThat(json(users).get("value").size()).isPositive();
    }

    @Test
    void agentUserTokensByObjectIdAndByUsername() {
        for (String param : List.of("AgentUserId=" + fixture().agentUserId(), "AgentUsername=" + enc(fixture().agentUsername()))) {
            Response response = get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent() + "&" + param);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode claims = claims(json(response).get("authorizationHeader").asText().substring(7));
            assertThat(claims.path("idtyp").asText()).isEqualTo("user");
            assertThat(claims.path("oid").asText()).isEqualTo(fixture().agentUserId());
            assertThat(lastAudit()).contains("\"flow\":\"agent_user\"");
        }
    }

    @Test
    void onBehalfOfTheBearerTokensUser() {
        Response response = send("GET", "/AuthorizationHeader/" + fixture().api() + "?AgentIdentity=" + fixture().agent(),
                Map.of("Authorization", "Bearer " + fixture().userToken().get()), new byte[0]);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode claims = claims(json(response).get("authorizationHeader").asText().substring(7));
        assertThat(claims.path("idtyp").asText()).isEqualTo("user");
        assertThat(text(claims, "azp", "appid")).isEqualTo(fixture().agentAppId());
        assertThat(lastAudit()).contains("\"outcome\":\"issued\"", "\"flow\":\"on_behalf_of\"");
    }

    @Test
    void downstreamApiCallsTheApiWithTheAgentToken() {
        Response response = post("/DownstreamApiUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent()
                + "&optionsOverride.RelativePath=" + enc(fixture().allowedPath()), Map.of(), "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body.get("headers").isObject()).isTrue();
        assertThat(json(body.get("content").asText()).get("value").size()).isPositive();
        assertThat(response.body()).doesNotContainPattern(JWT_SHAPE);
    }

    @Test
    void downstreamApiOnBehalfOfTheUser() {
        Response response = post("/DownstreamApi/" + fixture().api() + "?AgentIdentity=" + fixture().agent()
                        + "&optionsOverride.RelativePath=" + enc(fixture().userPath()),
                Map.of("Authorization", "Bearer " + fixture().userToken().get()), "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("statusCode").asInt()).as(body.toString()).isEqualTo(200);
        assertThat(lastAudit()).contains("\"flow\":\"on_behalf_of\"");
    }

    @Test
    void tokenRouteWithJson() {
        Response response = post("/token", Map.of("Content-Type", "application/json"),
                "{\"agentIdentity\":\"" + fixture().agent() + "\",\"api\":\"" + fixture().api() + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isPositive();
        assertThat(body.get("expires_on").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(text(claims(body.get("access_token").asText()), "azp", "appid")).isEqualTo(fixture().agentAppId());
        assertThat(response.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void tokenExchangeAuthenticatesTheCallerBySubjectToken() {
        Response response = exchange(exchangeForm(fixture().callerJwt().get()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(text(claims(body.get("access_token").asText()), "azp", "appid")).isEqualTo(fixture().agentAppId());
        assertThat(lastAudit()).contains("\"outcome\":\"issued\"", "\"kind\":\"JWT\"");
    }

    @Test
    void validateShowsTheBearerTokensClaims() {
        String user = fixture().userToken().get();
        Response response = send("GET", "/Validate", Map.of("Authorization", "Bearer " + user), new byte[0]);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("protocol").asText()).isEqualTo("Bearer");
        assertThat(body.get("token").asText()).isEqualTo(user);
        assertThat(body.get("claims").get("aud").toString()).contains(fixture().blueprintAppId());
        assertThat(response.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void healthzIsAlive() {
        Response response = get("/healthz");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("Healthy");
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void anAgentThePolicyDoesNotGrantIs403WithTheReason() {
        Response response = get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().deniedAgent());

        JsonNode problem = problem(response, 403, "POLICY_DENIED");
        assertThat(problem.get("detail").asText()).contains(fixture().deniedAgent());
        assertThat(lastAudit()).contains("\"outcome\":\"refused\"", "\"diagnosisCode\":\"POLICY_DENIED\"");
    }

    @Test
    void aRefusalByEntraCarriesItsDiagnosis() {
        Response response = get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().disabledAgent());

        JsonNode problem = problem(response, 401, null);
        assertThat(problem.get("code").asText()).startsWith("AADSTS");
        assertThat(response.header("WWW-Authenticate")).isPresent();
        assertThat(lastAudit()).contains("\"outcome\":\"refused\"", "\"diagnosisCode\":\"AADSTS");
    }

    @Test
    void anEntraOutageIs503AndThrottlingIs429WithRetryAfter() {
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent()
                + "&optionsOverride.AcquireTokenOptions.ForceRefresh=true";
        assumeTrue(target().injectEntraFailure(503, Duration.ofSeconds(9)), "this target cannot inject Entra faults");
        Response unavailable = get(route);
        problem(unavailable, 503, "ENTRA_HTTP_503");
        assertThat(unavailable.header("Retry-After")).contains("9");

        assumeTrue(target().injectEntraFailure(429, Duration.ofSeconds(4)));
        Response throttled = get(route);
        problem(throttled, 429, "ENTRA_HTTP_429");
        assertThat(throttled.header("Retry-After")).contains("4");
        assertThat(lastAudit()).contains("\"outcome\":\"refused\"", "ENTRA_HTTP_429");
    }

    @Test
    void unknownApiIs400ListingTheConfiguredOnes() {
        JsonNode problem = problem(get("/AuthorizationHeaderUnauthenticated/no-such-api?AgentIdentity=" + fixture().agent()),
                400, "BRIDGE_UNKNOWN_API");
        assertThat(problem.get("detail").asText()).contains(fixture().api());
    }

    @Test
    void baseUrlOverrideIsIgnoredAndNeverUsed() {
        Response response = post("/DownstreamApiUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent()
                + "&optionsOverride.RelativePath=" + enc(fixture().allowedPath())
                + "&optionsOverride.BaseUrl=" + enc("https://attacker.example"), Map.of(), "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("statusCode").asInt()).isEqualTo(200);
        assertThat(json(json(response).get("content").asText()).get("value").size()).isPositive();
    }

    @Test
    void theAgentIsNeverSilentlyLeftOutOrAmbiguous() {
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api();
        JsonNode noAgent = problem(get(route), 403, "POLICY_DENIED");
        assertThat(noAgent.get("remedy").asText()).contains("AgentIdentity", "blueprint-app");
        problem(get(route + "?AgentIdentity=" + fixture().agent() + "&agentidentity=" + fixture().deniedAgent()), 400,
                "BRIDGE_DUPLICATE_PARAMETER");
        problem(get(route + "?AgentIdentity=" + fixture().agent() + "&AgentUserId=" + fixture().agentUserId()
                + "&optionsOverride.RequestAppToken=true"), 400, "BRIDGE_AMBIGUOUS_FLOW");
        problem(get(route + "?AgentIdentity=" + fixture().agent() + "&optionsOverride.AcquireTokenOptions.CorrelationId=x"), 400,
                "BRIDGE_BAD_PARAMETER");
        problem(get(route + "?AgentIdentity=" + fixture().agent() + "&AgentUserId=not-a-guid"), 400, "BRIDGE_BAD_PARAMETER");
    }

    @Test
    void unknownParametersAreIgnoredAndTheUsernameWinsOverTheObjectId() {
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent();
        Response typo = get(route + "&AgentIdentitty=typo&x-unknown=1");
        assertThat(typo.status()).as(typo.body()).isEqualTo(200);

        Response both = get(route + "&AgentUserId=" + fixture().agentUserId() + "&AgentUsername=" + enc(fixture().agentUsername()));
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        assertThat(claims(json(both).get("authorizationHeader").asText().substring(7)).path("oid").asText())
                .isEqualTo(fixture().agentUserId());
    }

    @Test
    void theFourIdentityChangingOptionsAreRefusedWithWhatToConfigure() {
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent()
                + "&optionsOverride.AcquireTokenOptions.";
        for (String option : List.of("FmiPath=x", "PopPublicKey=x", "LongRunningWebApiSessionKey=x",
                "ManagedIdentity.UserAssignedClientId=x")) {
            JsonNode problem = problem(get(route + option), 400, "BRIDGE_UNSUPPORTED_OPTION");
            assertThat(problem.get("detail").asText()).contains(option.substring(0, option.indexOf('.') > 0
                    ? option.indexOf('.') : option.indexOf('=')));
        }
    }

    @Test
    void theOpenApiDocumentIsServed() {
        Response response = get("/openapi/v1.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(json(response).get("openapi").asText()).startsWith("3.");
        assertThat(json(response).get("paths").has("/AuthorizationHeaderUnauthenticated/{apiName}")).isTrue();
    }

    @Test
    void headerInjectionAndBadEncodingAreRefused() {
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api();
        problem(get(route + "?AgentIdentity=" + fixture().agent() + "%0d%0aSet-Cookie:%20x=1"), 400, "BRIDGE_CONTROL_CHARACTER");
        problem(get(route + "?AgentIdentity=%C3%28"), 400, "BRIDGE_BAD_ENCODING");
        // A malformed escape makes the request target an invalid URI: some front doors (the JDK server,
        // API gateways) refuse it before the endpoint runs, with their own 400 body. Either way: 400, no token.
        Response malformed = get(route + "?AgentIdentity=%zz");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContainPattern(JWT_SHAPE);
        if (malformed.contentType().startsWith("application/problem+json")) {
            problem(malformed, 400, "BRIDGE_BAD_ENCODING");
        }
    }

    @Test
    void pathTraversalIsRefused() {
        problem(get("/AuthorizationHeaderUnauthenticated/%2e%2e?AgentIdentity=" + fixture().agent()), 400, "BRIDGE_PATH_TRAVERSAL");
        problem(get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "%2F..%2Fx?AgentIdentity=" + fixture().agent()),
                400, "BRIDGE_PATH_TRAVERSAL");
        String downstream = "/DownstreamApiUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent()
                + "&optionsOverride.RelativePath=";
        problem(post(downstream + enc(fixture().allowedPath() + "/../../admin"), Map.of(), ""), 400, "DOWNSTREAM_BAD_PATH");
        problem(post(downstream + enc("https://attacker.example/v1.0/users"), Map.of(), ""), 400, "DOWNSTREAM_BAD_PATH");
        problem(post(downstream + enc(fixture().forbiddenPath()), Map.of(), ""), 403, "DOWNSTREAM_PATH_NOT_ALLOWED");
    }

    @Test
    void onBehalfOfWithoutOrWithABadBearerIs401() {
        String route = "/AuthorizationHeader/" + fixture().api() + "?AgentIdentity=" + fixture().agent();
        Response missing = get(route + "&AgentIdentitty=typo&optionsOverride.AcquireTokenOptions.FmiPath=x");
        problem(missing, 401, "BRIDGE_UNAUTHENTICATED");
        assertThat(missing.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        problem(send("GET", route, Map.of("Authorization", "Basic dXNlcjpwYXNz"), new byte[0]), 401, "BRIDGE_UNAUTHENTICATED");
    }

    @Test
    void tokenExchangeWithAnUntrustedIssuerIs401() {
        Response response = exchange(exchangeForm(fixture().untrustedCallerJwt().get()));

        problem(response, 401, "CALLER_TOKEN_UNKNOWN_ISSUER");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Response response = send("DELETE", "/AuthorizationHeaderUnauthenticated/" + fixture().api()
                + "?AgentIdentity=" + fixture().agent(), Map.of(), new byte[0]);

        if (frontDoorAnswered(response)) {
            assertThat(response.status()).isIn(404, 405);
            assertThat(response.body()).doesNotContainPattern(JWT_SHAPE);
            return;
        }
        problem(response, 405, "BRIDGE_METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void badBodiesAreRefused() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        problem(post("/token", json, "x".repeat(64 * 1024 + 1)), 413, "BRIDGE_BODY_TOO_LARGE");
        problem(post("/token", Map.of("Content-Type", "text/plain"), "agent please"), 415, "BRIDGE_UNSUPPORTED_MEDIA_TYPE");
        problem(post("/token", json, "{\"agentIdentity\":"), 400, "BRIDGE_MALFORMED_JSON");
        problem(post("/token", json, "{\"agentIdentity\":\"" + fixture().agent() + "\",\"api\":\"" + fixture().api() + "\",\"admin\":true}"),
                400, "BRIDGE_UNKNOWN_FIELD");
        problem(post("/token", json, "{\"agentIdentity\":\"a\",\"agentIdentity\":\"b\",\"api\":\"" + fixture().api() + "\"}"),
                400, "BRIDGE_DUPLICATE_FIELD");
        byte[] badUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        problem(send("POST", "/token", json, badUtf8), 400, "BRIDGE_BAD_ENCODING");
    }

    @Test
    void unknownRouteIs404() {
        Response response = get("/admin");
        if (frontDoorAnswered(response)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).doesNotContainPattern(JWT_SHAPE);
            return;
        }
        problem(response, 404, "BRIDGE_UNKNOWN_ROUTE");
    }

    // ---- callers over the network --------------------------------------------------------------

    @Test
    void aNetworkCallerWithoutItsTokenIsRefusedOnEveryRoute() {
        assumeTrue(target().callerTokenHeader().isPresent(), "this deployment authenticates callers by its transport");
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent();

        Response refused = asCaller(null, route);

        problem(refused, 401, "BRIDGE_UNAUTHENTICATED");
        assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(lastAudit()).contains("\"outcome\":\"refused\"", "\"kind\":\"UNAUTHENTICATED\"");
        problem(asCaller(null, "/healthz"), 401, "BRIDGE_UNAUTHENTICATED");
        problem(asCaller(null, "/Validate"), 401, "BRIDGE_UNAUTHENTICATED");
        // The caller's JWT where a user token goes does not make it a caller.
        problem(target().send("GET", route, Map.of("Authorization", "Bearer " + fixture().callerJwt().get()), new byte[0]),
                401, "BRIDGE_UNAUTHENTICATED");
    }

    @Test
    void aNetworkCallerFromAnUntrustedIssuerIsRefused() {
        assumeTrue(target().callerTokenHeader().isPresent(), "this deployment authenticates callers by its transport");

        Response response = asCaller(fixture().untrustedCallerJwt().get(),
                "/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent());

        problem(response, 401, "CALLER_TOKEN_UNKNOWN_ISSUER");
        assertThat(lastAudit()).contains("\"outcome\":\"refused\"", "\"diagnosisCode\":\"CALLER_TOKEN_UNKNOWN_ISSUER\"");
    }

    @Test
    void forgedCallerTokensAreRefused() {
        assumeTrue(target().callerTokenHeader().isPresent(), "this deployment authenticates callers by its transport");
        String route = "/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent();
        String[] genuine = fixture().callerJwt().get().split("\\.");
        String otherSubject = b64(json(b64Decode(genuine[1])).toString().replace("\"sub\":\"", "\"sub\":\"admin-"));

        problem(asCaller(b64("{\"alg\":\"none\"}") + "." + genuine[1] + ".", route), 401, "CALLER_TOKEN_UNSUPPORTED_ALGORITHM");
        problem(asCaller(b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + genuine[1] + "." + genuine[2], route), 401,
                "CALLER_TOKEN_UNSUPPORTED_ALGORITHM");
        problem(asCaller(genuine[0] + "." + otherSubject + "." + genuine[2], route), 401, "CALLER_TOKEN_BAD_SIGNATURE");
        problem(asCaller("not-a-jwt", route), 401, "CALLER_TOKEN_MALFORMED");
        problem(asCaller("x".repeat(17 * 1024), route), 401, "BRIDGE_UNAUTHENTICATED");
        assertThat(target().auditLines()).allSatisfy(line -> assertThat(line).doesNotContainPattern(JWT_SHAPE));
    }

    @Test
    void anExchangeNamingItsCallerTwiceIsRefused() {
        String header = target().callerTokenHeader().orElse(null);
        assumeTrue(header != null, "this deployment authenticates callers by its transport");

        Response response = target().send("POST", "/token", Map.of("Content-Type", "application/x-www-form-urlencoded",
                header, "Bearer " + fixture().callerJwt().get()), exchangeForm(fixture().callerJwt().get()));

        problem(response, 400, "BRIDGE_AMBIGUOUS_CALLER");
    }

    // ---- what is written down ------------------------------------------------------------------

    @Test
    void noTokenOrAssertionReachesTheLogsOrTheAuditLines() {
        get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().agent());
        get("/AuthorizationHeaderUnauthenticated/" + fixture().api() + "?AgentIdentity=" + fixture().deniedAgent());
        exchange(exchangeForm(fixture().untrustedCallerJwt().get()));

        assertThat(target().auditLines()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContainPattern(JWT_SHAPE));
        assertThat(target().logLines()).allSatisfy(line -> assertThat(line).doesNotContainPattern(JWT_SHAPE));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String exchangeForm(String subjectToken) {
        return "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token=" + enc(subjectToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:jwt")
                + "&agent_identity=" + enc(fixture().agent())
                + "&audience=" + enc(fixture().api());
    }

    private Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, Map.of(), new byte[0]);
    }

    private Response post(String pathAndQuery, Map<String, String> headers, String body) {
        return send("POST", pathAndQuery, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends as the fixture's caller: with its JWT in the deployment's caller header, if it has one. */
    private Response send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        target().callerTokenHeader().ifPresent(h -> all.putIfAbsent(h, "Bearer " + fixture().callerJwt().get()));
        return target().send(method, pathAndQuery, all, body);
    }

    /** An RFC 8693 exchange: its own tokens prove the caller, so no caller header is added. */
    private Response exchange(String form) {
        return target().send("POST", "/token", Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    /** The route with this caller token (or none) instead of the fixture's caller; only for header-authenticated deployments. */
    private Response asCaller(String callerToken, String pathAndQuery) {
        String header = target().callerTokenHeader().orElseThrow();
        return target().send("GET", pathAndQuery, callerToken == null ? Map.of() : Map.of(header, "Bearer " + callerToken),
                new byte[0]);
    }

    /**
     * Whether a front door answered before the endpoint ran: a platform that routes by path and method itself
     * (the Functions host) answers an undeclared route or method with its own 404, not a problem document.
     */
    private static boolean frontDoorAnswered(Response response) {
        return !response.contentType().startsWith("application/problem+json");
    }

    private String lastAudit() {
        List<String> lines = target().auditLines();
        assertThat(lines).isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    /** Asserts an RFC 9457 problem with the status and (unless null) the code; never a token in it. */
    private static JsonNode problem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        if (code != null) {
            assertThat(body.get("code").asText()).isEqualTo(code);
        }
        assertThat(body.get("type").asText()).isNotBlank();
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("remedy").asText()).isNotBlank();
        assertThat(body.get("correlationId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContainPattern(JWT_SHAPE);
        return body;
    }

    private static JsonNode json(Response response) {
        return json(response.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static String text(JsonNode claims, String name, String fallback) {
        return claims.hasNonNull(name) ? claims.get(name).asText() : claims.path(fallback).asText();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64Decode(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
