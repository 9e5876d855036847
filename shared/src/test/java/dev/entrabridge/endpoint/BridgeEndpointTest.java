package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.policy.CallerPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_APP_ID = "aaaaaaaa-1111-2222-3333-444444444444";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLWJ5dGVz";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    /** A hand-written core: records what it was asked, answers a fixed token or a configured failure. */
    private static final class RecordingCore implements AgentTokenProvider {
        final List<AgentTokenRequest> requests = new CopyOnWriteArrayList<>();
        AgentTokenException failure;

        @Override
        public AgentToken acquire(AgentTokenRequest request) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            return new AgentToken(TOKEN, NOW.plusSeconds(3600), NOW.plusSeconds(3300), request.scopes(), request.flow(),
                    request.agent(), AGENT_APP_ID);
        }
    }

    private final RecordingCore core = new RecordingCore();
    private final List<String> auditLines = new ArrayList<>();
    private final BridgeEndpoint endpoint = BridgeEndpoint.builder()
            .issuance(TokenIssuance.builder()
                    .tokens(core)
                    .policy(CallerPolicy.fromJson(resource("endpoint/policy.json")))
                    .audit(new AuditLog(auditLines::add, Clock.fixed(NOW, ZoneOffset.UTC)))
                    .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                            List.of("https://graph.microsoft.com/.default"), List.of("/v1.0/users"))))
                    .agents(List.of(new AgentDefinition("mail-agent", AGENT_APP_ID, Optional.empty())))
                    .blueprint("bbbbbbbb-0000-0000-0000-000000000000")
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .build())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    /** An endpoint whose policy refuses everything, for the {@code /healthz} tests. */
    private BridgeEndpoint.Builder denyingEverything() {
        return BridgeEndpoint.builder().issuance(TokenIssuance.builder().tokens(core).policy(CallerPolicy.denyAll())
                .audit(new AuditLog(auditLines::add, Clock.systemUTC())).build());
    }

    @Test
    void autonomousTokenForAConfiguredApiCarriesTheBearerHeaderAndIsNotCacheable() throws IOException {
        BridgeResponse response = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("authorizationHeader").asText()).isEqualTo("Bearer " + TOKEN);
        assertThat(response.header("Cache-Control")).contains("no-cache, no-store, must-revalidate");
        assertThat(response.header("Pragma")).contains("no-cache");
        assertThat(response.header("Expires")).contains("0");
        AgentTokenRequest asked = core.requests.get(0);
        assertThat(asked.agent()).isEqualTo("mail-agent");
        assertThat(asked.flow()).isEqualTo(Flow.AUTONOMOUS);
        assertThat(asked.scopes()).containsExactly("https://graph.microsoft.com/.default");
        assertThat(asked.correlationId()).isNotBlank();
        assertThat(auditLines).hasSize(1);
        assertThat(auditLines.get(0)).contains("\"outcome\":\"issued\"", "\"agent\":\"mail-agent\"", "\"rule\":\"local-agents\"")
                .doesNotContain(TOKEN);
    }

    @Test
    void agentIdentityMayBeGivenAsTheAppIdAndParameterNamesAreCaseInsensitive() {
        BridgeResponse response = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph",
                "agentidentity=" + AGENT_APP_ID.toUpperCase() + "&optionsOverride.AcquireTokenOptions.ForceRefresh=TRUE"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(core.requests.get(0).agent()).isEqualTo("mail-agent");
        assertThat(core.requests.get(0).forceRefresh()).isTrue();
    }

    @Test
    void agentUserByObjectIdSelectsTheAgentUserFlow() {
        UUID oid = UUID.randomUUID();
        BridgeResponse response = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph",
                "AgentIdentity=mail-agent&AgentUserId=" + oid));

        assertThat(response.status()).isEqualTo(200);
        assertThat(core.requests.get(0).flow()).isEqualTo(Flow.AGENT_USER);
        assertThat(core.requests.get(0).agentUser().objectId()).isEqualTo(oid);
    }

    @Test
    void onBehalfOfPassesTheCallersBearerTokenAsTheUserAssertion() {
        BridgeRequest request = get("/AuthorizationHeader/graph", "AgentIdentity=mail-agent",
                Map.of("authorization", List.of("Bearer user.token.value")));

        BridgeResponse response = endpoint.handle(request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(core.requests.get(0).flow()).isEqualTo(Flow.ON_BEHALF_OF);
        assertThat(core.requests.get(0).userAssertion()).isEqualTo("user.token.value");
    }

    @Test
    void onBehalfOfWithoutABearerTokenIs401WithAChallenge() throws IOException {
        BridgeResponse response = endpoint.handle(get("/AuthorizationHeader/graph", "AgentIdentity=mail-agent"));

        assertProblem(response, 401, "BRIDGE_UNAUTHENTICATED");
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(core.requests).isEmpty();
    }

    @Test
    void anAgentThePolicyDoesNotGrantIsRefusedWith403AndTheReasonNeverWithAnotherToken() throws IOException {
        BridgeResponse response = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=other-agent"));

        JsonNode problem = assertProblem(response, 403, "POLICY_DENIED");
        assertThat(problem.get("detail").asText()).contains("other-agent");
        assertThat(core.requests).isEmpty();
        assertThat(auditLines).singleElement().asString().contains("\"outcome\":\"refused\"", "POLICY_DENIED");
    }

    @Test
    void anUnknownApiIs400ListingTheConfiguredNames() throws IOException {
        JsonNode problem = assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/mcp", "AgentIdentity=mail-agent")),
                400, "BRIDGE_UNKNOWN_API");
        assertThat(problem.get("detail").asText()).contains("configured: graph");
    }

    @Test
    void refusesEveryAmbiguousParameterAndIgnoresUnknownOnes() throws IOException {
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent&agentIdentity=x")),
                400, "BRIDGE_DUPLICATE_PARAMETER");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent&Foo=1"
                + "&optionsOverride.AcquireTokenOptions.PopPublicKey=k")), 400, "BRIDGE_UNSUPPORTED_OPTION");
        // Without AgentIdentity the blueprint's own token is asked for, and the policy has no rule granting it.
        JsonNode blueprint = assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "")), 403, "POLICY_DENIED");
        assertThat(blueprint.get("remedy").asText()).contains("\"flows\":[\"blueprint-app\"]", "BRIDGE_POLICY");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail%0d%0aX-Evil:%201")),
                400, "BRIDGE_CONTROL_CHARACTER");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent&AgentUserId=not-a-guid")),
                400, "BRIDGE_BAD_PARAMETER");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph",
                "AgentIdentity=mail-agent&optionsOverride.RequestAppToken=false")), 400, "BRIDGE_AMBIGUOUS_FLOW");
        assertThat(core.requests).isEmpty();

        BridgeResponse ignored = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph",
                "AgentIdentity=mail-agent&Foo=1&optionsOverride.BaseUrl=https://evil&AgentUsername=a@b.c&AgentUserId=" + UUID.randomUUID()));
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(core.requests.get(0).agentUser().username()).isEqualTo("a@b.c");
    }

    @Test
    void aMalformedQueryStringIsRefusedNotGuessed() throws IOException {
        // A raw query with a broken escape or non-UTF-8 bytes never reaches the route.
        assertThat(catchRefusal(() -> FormDecoding.decode("AgentIdentity=%zz")).code()).isEqualTo("BRIDGE_BAD_ENCODING");
        assertThat(catchRefusal(() -> FormDecoding.decode("AgentIdentity=%C3%28")).code()).isEqualTo("BRIDGE_BAD_ENCODING");
        assertThat(FormDecoding.decode("a=%C3%A9+b&a=2")).containsEntry("a", List.of("é b", "2"));
    }

    @Test
    void pathTraversalInTheApiSegmentIsRefused() throws IOException {
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/%2e%2e", "AgentIdentity=mail-agent")),
                400, "BRIDGE_PATH_TRAVERSAL");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/..", "AgentIdentity=mail-agent")),
                400, "BRIDGE_PATH_TRAVERSAL");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph%2F..%2Fx", "AgentIdentity=mail-agent")),
                400, "BRIDGE_PATH_TRAVERSAL");
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph/extra", "AgentIdentity=mail-agent")),
                404, "BRIDGE_UNKNOWN_ROUTE");
    }

    @Test
    void wrongMethodIs405WithAllow() throws IOException {
        BridgeResponse response = endpoint.handle(new BridgeRequest("POST", "/AuthorizationHeaderUnauthenticated/graph",
                Map.of(), Map.of(), new byte[0], "127.0.0.1", Caller.loopback("127.0.0.1")));
        assertProblem(response, 405, "BRIDGE_METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void tokenRouteTakesStrictJson() throws IOException {
        BridgeResponse ok = endpoint.handle(post("/token", "application/json", "{\"agentIdentity\":\"mail-agent\",\"api\":\"graph\"}"));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode body = json(ok);
        assertThat(body.get("access_token").asText()).isEqualTo(TOKEN);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("expires_on").asLong()).isEqualTo(NOW.plusSeconds(3600).getEpochSecond());
        assertThat(ok.header("Cache-Control")).contains("no-cache, no-store, must-revalidate");

        assertProblem(endpoint.handle(post("/token", "application/json", "{\"agentIdentity\":\"mail-agent\",\"api\":\"graph\",\"x\":1}")),
                400, "BRIDGE_UNKNOWN_FIELD");
        assertProblem(endpoint.handle(post("/token", "application/json", "{\"agentIdentity\":\"a\",\"agentIdentity\":\"b\",\"api\":\"graph\"}")),
                400, "BRIDGE_DUPLICATE_FIELD");
        assertProblem(endpoint.handle(post("/token", "application/json", "{\"agentIdentity\":")), 400, "BRIDGE_MALFORMED_JSON");
        assertProblem(endpoint.handle(post("/token", "application/json", "{\"agentIdentity\":\"mail-agent\"}")),
                400, "BRIDGE_AMBIGUOUS_SCOPES");
        assertProblem(endpoint.handle(post("/token", "text/plain", "hello")), 415, "BRIDGE_UNSUPPORTED_MEDIA_TYPE");
        byte[] badUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertProblem(endpoint.handle(new BridgeRequest("POST", "/token", Map.of(),
                Map.of("Content-Type", List.of("application/json")), badUtf8, "127.0.0.1", Caller.loopback("127.0.0.1"))),
                400, "BRIDGE_BAD_ENCODING");
        assertProblem(endpoint.handle(post("/token", "application/json", "x".repeat(BridgeEndpoint.MAX_BODY_BYTES + 1))),
                413, "BRIDGE_BODY_TOO_LARGE");
    }

    @Test
    void tokenExchangeWithoutTrustedIssuersIsUnauthenticated() throws IOException {
        String form = "grant_type=" + TokenRoute.TOKEN_EXCHANGE + "&subject_token=a.b.c&subject_token_type="
                + TokenRoute.JWT_TYPE + "&agent_identity=mail-agent&audience=graph";
        assertProblem(endpoint.handle(post("/token", "application/x-www-form-urlencoded", form)), 401, "BRIDGE_UNAUTHENTICATED");
        assertProblem(endpoint.handle(post("/token", "application/x-www-form-urlencoded", form + "&audience=graph")),
                400, "BRIDGE_DUPLICATE_PARAMETER");
    }

    @Test
    void diagnosisCategoriesMapToTheDocumentedStatuses() throws IOException {
        core.failure = new AgentTokenException(new Diagnosis(Diagnosis.Category.TRANSIENT, "ENTRA_UNAVAILABLE",
                "Entra answered 503.", "Retry later."), "corr-1", Duration.ofSeconds(7), null);
        BridgeResponse transientFailure = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent"));
        JsonNode problem = assertProblem(transientFailure, 503, "ENTRA_UNAVAILABLE");
        assertThat(transientFailure.header("Retry-After")).contains("7");
        assertThat(problem.get("correlationId").asText()).isEqualTo("corr-1");
        assertThat(problem.get("remedy").asText()).isEqualTo("Retry later.");

        core.failure = new AgentTokenException(new Diagnosis(Diagnosis.Category.CONFIGURATION, "AADSTS70021",
                "No federated identity credential matches.", "Fix the FIC."));
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent")), 401, "AADSTS70021");
        core.failure = new AgentTokenException(new Diagnosis(Diagnosis.Category.PERMISSION, "AADSTS65001", "No consent.", "Grant it."));
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent")), 403, "AADSTS65001");
        core.failure = new AgentTokenException(new Diagnosis(Diagnosis.Category.BUG, "AADSTS82001", "Wrong grant.", "Report it."));
        assertProblem(endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent")), 502, "AADSTS82001");
        assertThat(auditLines).hasSize(4).allSatisfy(line -> assertThat(line).contains("\"outcome\":\"refused\""));
    }

    @Test
    void healthzIsLiveAndCarriesTheSuppliedSummary() throws IOException {
        BridgeEndpoint withHealth = denyingEverything().health(() -> Map.of("credential", "ok")).build();
        BridgeResponse response = withHealth.handle(get("/healthz", ""));
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("Healthy");
        assertThat(json(response).get("health").get("credential").asText()).isEqualTo("ok");
    }

    @Test
    void healthzIs503OnlyWhenTheSummarySaysUnhealthy() throws IOException {
        HealthSummary failing = new HealthSummary() {
            @Override
            public Map<String, Object> summary() {
                return Map.of("credential", Map.of("status", "fail"));
            }

            @Override
            public boolean unhealthy() {
                return true;
            }
        };
        BridgeEndpoint withFailingHealth = denyingEverything().health(failing).build();

        BridgeResponse response = withFailingHealth.handle(get("/healthz", ""));

        assertThat(response.status()).isEqualTo(503);
        assertThat(json(response).get("status").asText()).isEqualTo("Unhealthy");
        assertThat(json(response).at("/health/credential/status").asText()).isEqualTo("fail");
    }

    @Test
    void healthzStaysLiveWhenTheSummaryFails() throws IOException {
        BridgeEndpoint withBrokenHealth = denyingEverything()
                .health(() -> {
                    throw new IllegalStateException("report store down");
                }).build();
        BridgeResponse response = withBrokenHealth.handle(get("/healthz", ""));
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("health").get("summary").asText()).isEqualTo("unavailable");
    }

    @Test
    void throttlingByEntraIs429() throws IOException {
        core.failure = new AgentTokenException(new Diagnosis(Diagnosis.Category.TRANSIENT, "ENTRA_HTTP_429",
                "Entra throttled the token request (HTTP 429).", "Retry later."), null, Duration.ofSeconds(3), null);
        BridgeResponse response = endpoint.handle(get("/AuthorizationHeaderUnauthenticated/graph", "AgentIdentity=mail-agent"));
        assertProblem(response, 429, "ENTRA_HTTP_429");
        assertThat(response.header("Retry-After")).contains("3");
    }

    @Test
    void unknownRouteIs404() throws IOException {
        assertProblem(endpoint.handle(get("/nope", "")), 404, "BRIDGE_UNKNOWN_ROUTE");
    }

    private static RequestRefused catchRefusal(Runnable r) {
        try {
            r.run();
        } catch (RequestRefused e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    private static JsonNode assertProblem(BridgeResponse response, int status, String code) throws IOException {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("type").asText()).startsWith("urn:entra-agent-bridge:problem:");
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("remedy").asText()).isNotBlank();
        assertThat(body.get("correlationId").asText()).isNotBlank();
        assertThat(response.bodyText()).doesNotContain(TOKEN);
        return body;
    }

    private static JsonNode json(BridgeResponse response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static BridgeRequest get(String path, String rawQuery) {
        return get(path, rawQuery, Map.of());
    }

    private static BridgeRequest get(String path, String rawQuery, Map<String, List<String>> headers) {
        return new BridgeRequest("GET", path, FormDecoding.decode(rawQuery), headers, new byte[0], "127.0.0.1",
                Caller.loopback("127.0.0.1"));
    }

    private static BridgeRequest post(String path, String contentType, String body) {
        return new BridgeRequest("POST", path, Map.of(), Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", Caller.loopback("127.0.0.1"));
    }

    private static String resource(String name) {
        try (InputStream in = BridgeEndpointTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
