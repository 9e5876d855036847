package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.inbound.CallerTokenValidator;
import dev.entrabridge.inbound.TrustedIssuer;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caller-authentication stage of an endpoint whose callers come over the network, against a real
 * OIDC issuer on loopback: the caller's own JWT in {@code X-Caller-Authorization}, RFC 8693's own
 * tokens on {@code /token} (including §4.1 delegation for on-behalf-of), never the adapter's caller.
 */
class NetworkCallersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_APP_ID = "aaaaaaaa-1111-2222-3333-444444444444";
    private static final String AUDIENCE = "api://entra-agent-bridge";
    private static final String USER_TOKEN = "eyJ1c2VyIjoiYWxpY2UifQ.eyJ1c2VyIjoiYWxpY2UiLCJ4IjoxfQ.dXNlci1zaWduYXR1cmU";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static OidcIssuerEmulator workloads;
    private static OidcIssuerEmulator strangers;

    private final List<AgentTokenRequest> asked = new CopyOnWriteArrayList<>();
    private final List<String> audit = new ArrayList<>();
    private BridgeEndpoint.Builder endpoints;

    @BeforeAll
    static void startIssuers() {
        workloads = OidcIssuerEmulator.start("workloads", Clock.systemUTC());
        strangers = OidcIssuerEmulator.start("strangers", Clock.systemUTC());
    }

    @AfterAll
    static void stopIssuers() {
        workloads.close();
        strangers.close();
    }

    private BridgeEndpoint endpoint() {
        if (endpoints == null) {
            AgentTokenProvider core = request -> {
                asked.add(request);
                return new AgentToken("issued.agent.token", Instant.now().plusSeconds(3600), Instant.now().plusSeconds(3000),
                        request.scopes(), request.flow(), request.agent(), AGENT_APP_ID);
            };
            HttpClient tls = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            endpoints = BridgeEndpoint.builder()
                    .issuance(TokenIssuance.builder().tokens(core)
                            .policy(CallerPolicy.fromJson(resource("endpoint/network-policy.json")
                                    .replace("ISSUER", workloads.issuer())))
                            .audit(new AuditLog(audit::add, Clock.systemUTC()))
                            .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                                    List.of("https://graph.microsoft.com/.default"), List.of("/v1.0/users"))))
                            .agents(List.of(new AgentDefinition("mail-agent", AGENT_APP_ID, Optional.empty())))
                            .blueprint("bbbbbbbb-0000-0000-0000-000000000000")
                            .build())
                    .callerTokens(CallerTokenValidator.builder()
                            .trust(TrustedIssuer.withJwks(workloads.issuer(), Set.of(AUDIENCE), workloads.jwksUri()))
                            .httpClient(tls).build());
        }
        return endpoints.callersOverNetwork().build();
    }

    @Test
    void theCallersOwnTokenInItsHeaderAuthenticatesItAndTheAdaptersCallerIsIgnored() throws IOException {
        BridgeResponse response = endpoint().handle(request("GET", "/AuthorizationHeaderUnauthenticated/graph",
                "AgentIdentity=mail-agent", Map.of("X-Caller-Authorization", "Bearer " + callerJwt()), ""));

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.flow()).isEqualTo(Flow.AUTONOMOUS));
        assertThat(audit.get(0)).contains("\"kind\":\"JWT\"", "\"subject\":\"workload-1\"", "\"rule\":\"workload\"");
    }

    @Test
    void withoutTheCallersTokenNothingRunsEvenForALoopbackPeer() throws IOException {
        BridgeResponse response = endpoint().handle(request("GET", "/AuthorizationHeaderUnauthenticated/graph",
                "AgentIdentity=mail-agent", Map.of(), ""));

        assertThat(problem(response, 401).get("code").asText()).isEqualTo("BRIDGE_UNAUTHENTICATED");
        assertThat(problem(endpoint().handle(request("GET", "/healthz", "", Map.of(), "")), 401).get("detail").asText())
                .contains("X-Caller-Authorization");
        assertThat(asked).isEmpty();
        assertThat(audit).singleElement().satisfies(l -> assertThat(l).contains("\"kind\":\"UNAUTHENTICATED\""));
    }

    @Test
    void aTokenOfAnUntrustedIssuerOrTwoCallerHeadersAreRefused() throws IOException {
        assertThat(problem(endpoint().handle(request("GET", "/healthz", "",
                Map.of("X-Caller-Authorization", "Bearer " + strangers.mint("workload-1", AUDIENCE, Duration.ofMinutes(5))), "")),
                401).get("code").asText()).isEqualTo("CALLER_TOKEN_UNKNOWN_ISSUER");
        BridgeRequest twice = new BridgeRequest("GET", "/healthz", Map.of(),
                Map.of("X-Caller-Authorization", List.of("Bearer " + callerJwt(), "Bearer " + callerJwt())), new byte[0],
                "203.0.113.9", null);
        assertThat(problem(endpoint().handle(twice), 400).get("code").asText()).isEqualTo("BRIDGE_DUPLICATE_HEADER");
    }

    @Test
    void anExchangeIsAuthenticatedByItsSubjectTokenAndMustNotAlsoCarryTheHeader() throws IOException {
        String form = "grant_type=" + enc(TokenRoute.TOKEN_EXCHANGE) + "&subject_token=" + callerJwt()
                + "&subject_token_type=" + enc(TokenRoute.JWT_TYPE) + "&agent_identity=mail-agent&audience=graph";

        BridgeResponse issued = endpoint().handle(request("POST", "/token", "", Map.of("Content-Type", FORM), form));
        BridgeResponse ambiguous = endpoint().handle(request("POST", "/token", "",
                Map.of("Content-Type", FORM, "X-Caller-Authorization", "Bearer " + callerJwt()), form));

        assertThat(issued.status()).as(issued.bodyText()).isEqualTo(200);
        assertThat(problem(ambiguous, 400).get("code").asText()).isEqualTo("BRIDGE_AMBIGUOUS_CALLER");
        assertThat(asked).hasSize(1);
    }

    @Test
    void delegationActsForTheSubjectTokensUserWithTheActorTokenAsTheCaller() throws IOException {
        BridgeResponse response = endpoint().handle(request("POST", "/token", "", Map.of("Content-Type", FORM),
                delegation(TokenRoute.ACCESS_TOKEN_TYPE, TokenRoute.JWT_TYPE, "")));

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("issued_token_type").asText()).isEqualTo(TokenRoute.ACCESS_TOKEN_TYPE);
        AgentTokenRequest request = asked.get(0);
        assertThat(request.flow()).isEqualTo(Flow.ON_BEHALF_OF);
        assertThat(request.userAssertion()).isEqualTo(USER_TOKEN);
        assertThat(audit.get(0)).contains("\"flow\":\"on_behalf_of\"", "\"subject\":\"workload-1\"").doesNotContain(USER_TOKEN);
    }

    @Test
    void delegationIsRefusedWhenItsTokensOrFlowDoNotFit() throws IOException {
        assertThat(code(delegation(TokenRoute.ACCESS_TOKEN_TYPE, null, ""))).isEqualTo("BRIDGE_BAD_PARAMETER");
        assertThat(code(delegation(TokenRoute.ID_TOKEN_TYPE, TokenRoute.JWT_TYPE, ""))).isEqualTo("BRIDGE_BAD_PARAMETER");
        assertThat(code(delegation(TokenRoute.ACCESS_TOKEN_TYPE, TokenRoute.JWT_TYPE,
                "&agent_user_id=a9e10000-0000-4000-8000-000000000013"))).isEqualTo("BRIDGE_AMBIGUOUS_FLOW");
        String untrustedActor = delegation(TokenRoute.ACCESS_TOKEN_TYPE, TokenRoute.JWT_TYPE, "")
                .replace(callerJwtOf(workloads), callerJwtOf(strangers));
        assertThat(code(untrustedActor)).isEqualTo("CALLER_TOKEN_UNKNOWN_ISSUER");
        assertThat(asked).isEmpty();
    }

    @Test
    void anAdaptersOwnRouteRunsOnlyForAnAuthenticatedCaller() throws IOException {
        List<Caller> answered = new ArrayList<>();
        java.util.function.Function<Caller, BridgeResponse> answer = caller -> {
            answered.add(caller);
            return BridgeResponse.json(200, "{\"ok\":true}");
        };

        BridgeResponse refused = endpoint().handleOwnRoute(() -> request("GET", "/health", "", Map.of(), ""), answer);
        BridgeResponse served = endpoint().handleOwnRoute(() -> request("GET", "/health", "",
                Map.of("X-Caller-Authorization", "Bearer " + callerJwt()), ""), answer);

        assertThat(problem(refused, 401).get("code").asText()).isEqualTo("BRIDGE_UNAUTHENTICATED");
        assertThat(served.status()).isEqualTo(200);
        assertThat(answered).singleElement().satisfies(c -> assertThat(c.subject()).isEqualTo("workload-1"));
    }

    @Test
    void callersOverTheNetworkNeedTrustedIssuers() {
        assertThatThrownBy(() -> BridgeEndpoint.builder().issuance(TokenIssuance.builder()
                .tokens(request -> { throw new AssertionError(); }).policy(CallerPolicy.denyAll())
                .audit(new AuditLog(line -> { }, Clock.systemUTC())).build()).callersOverNetwork().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trusted caller issuers");
    }

    private String code(String form) throws IOException {
        BridgeResponse response = endpoint().handle(request("POST", "/token", "", Map.of("Content-Type", FORM), form));
        return JSON.readTree(response.body()).path("code").asText();
    }

    private String callerJwt() {
        return callerJwtOf(workloads);
    }

    /** One token per issuer per test, so a form can swap the actor for another issuer's. */
    private final Map<OidcIssuerEmulator, String> minted = new java.util.HashMap<>();

    private String callerJwtOf(OidcIssuerEmulator issuer) {
        return minted.computeIfAbsent(issuer, i -> i.mint("workload-1", AUDIENCE, Duration.ofMinutes(5)));
    }

    private String delegation(String subjectType, String actorType, String extra) {
        return "grant_type=" + enc(TokenRoute.TOKEN_EXCHANGE) + "&subject_token=" + USER_TOKEN
                + "&subject_token_type=" + enc(subjectType) + "&actor_token=" + callerJwt()
                + (actorType == null ? "" : "&actor_token_type=" + enc(actorType))
                + "&agent_identity=mail-agent&audience=graph" + extra;
    }

    private static BridgeRequest request(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        // A loopback peer the adapter vouched for: over the network that must count for nothing.
        return new BridgeRequest(method, path, FormDecoding.decode(rawQuery), h, body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", Caller.loopback("127.0.0.1"));
    }

    private static JsonNode problem(BridgeResponse response, int status) throws IOException {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        return JSON.readTree(response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = NetworkCallersIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
