package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.endpoint.contract.ContractTarget;
import dev.entrabridge.endpoint.contract.ContractWorld;
import dev.entrabridge.endpoint.contract.HttpContractSuite;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_API;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract suite against the function classes, through the fake host (the functions' own
 * annotations route each request; a new function object per invocation, one runtime per worker), with the
 * real core on the emulated cloud and the app's user-assigned managed identity as the blueprint's credential.
 * Callers prove themselves by their own JWT; beyond the suite, the refusals that need the issuer's own key
 * (expired, not yet valid, wrong audience, no subject), on-behalf-of by RFC 8693 delegation, and the function
 * key's {@code code} parameter.
 */
class FunctionContractIT extends HttpContractSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(
            b -> b.demoPeople().clock(Clock.systemUTC()));

    private static EmulatedFunctionApp app;
    private static FunctionHost host;
    private static ContractTarget target;

    @BeforeAll
    static void deploy() {
        app = EmulatedFunctionApp.forContract(WORLD.bridge());
        host = app.host();
        target = app.world.networkTarget(EmulatedFunctionApp.CALLER_HEADER, (method, pathAndQuery, headers, body) -> {
            FakeHttpResponse r = host.http(method, EmulatedFunctionApp.BASE_URL + "/api" + pathAndQuery, headers, body);
            return new ContractTarget.Response(r.getStatusCode(), r.headers(), r.bodyText());
        }, () -> List.copyOf(app.auditLines), List::of);
    }

    @AfterEach
    void clearFaults() {
        app.world.resetFaults();
    }

    @AfterAll
    static void undeploy() {
        app.close();
    }

    @Override
    protected ContractTarget target() {
        return target;
    }

    private static FakeHttpResponse get(String pathAndQuery, Map<String, String> headers) {
        return host.http("GET", EmulatedFunctionApp.BASE_URL + "/api" + pathAndQuery, headers, new byte[0]);
    }

    private static JsonNode json(FakeHttpResponse response) throws IOException {
        return JSON.readTree(response.bodyText());
    }

    private static final String ROUTE = "/AuthorizationHeaderUnauthenticated/" + GRAPH_API + "?AgentIdentity=" + MAIL_AGENT;

    @Test
    void callerTokensThatOnlyTheIssuersKeyCouldForgeAreRefusedForTheirClaims() throws IOException {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        Map<String, String> refusals = Map.of(
                mint(Map.of("exp", hourAgo.getEpochSecond(), "iat", hourAgo.minusSeconds(300).getEpochSecond())),
                "CALLER_TOKEN_EXPIRED",
                mint(Map.of("nbf", Instant.now().plusSeconds(600).getEpochSecond())), "CALLER_TOKEN_NOT_YET_VALID",
                app.world.callerJwt("api://someone-else", Map.of()),
                "CALLER_TOKEN_WRONG_AUDIENCE",
                // A null claim is left out of the token.
                mint(Collections.singletonMap("sub", null)), "CALLER_TOKEN_MISSING_CLAIM");

        for (Map.Entry<String, String> e : refusals.entrySet()) {
            FakeHttpResponse response = get(ROUTE, Map.of(EmulatedFunctionApp.CALLER_HEADER, "Bearer " + e.getKey()));
            assertThat(response.getStatusCode()).as(response.bodyText()).isEqualTo(401);
            assertThat(json(response).get("code").asText()).isEqualTo(e.getValue());
            assertThat(response.bodyText()).doesNotContain(e.getKey());
        }
    }

    @Test
    void onBehalfOfByTokenExchangeDelegation() throws IOException {
        String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token=" + enc(target.fixture().userToken().get())
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&actor_token=" + enc(app.callerJwt())
                + "&actor_token_type=" + enc("urn:ietf:params:oauth:token-type:jwt")
                + "&agent_identity=" + MAIL_AGENT + "&audience=" + GRAPH_API;

        FakeHttpResponse response = host.http("POST", EmulatedFunctionApp.BASE_URL + "/api/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));

        assertThat(response.getStatusCode()).as(response.bodyText()).isEqualTo(200);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(json(response).get("access_token").asText().split("\\.")[1]));
        assertThat(claims.path("idtyp").asText()).isEqualTo("user");
        assertThat(claims.path("oid").asText()).isEqualTo(USER_OID);
        String audit = app.auditLines.get(app.auditLines.size() - 1);
        assertThat(audit).contains("\"flow\":\"on_behalf_of\"", "\"subject\":\"" + ContractWorld.CALLER + "\"");
    }

    @Test
    void theFunctionKeyParameterIsTheHostsNotTheContracts() {
        Map<String, String> headers = new java.util.HashMap<>(app.asCaller());
        headers.put("x-functions-key", "host-key-value");

        FakeHttpResponse byQuery = get(ROUTE + "&code=host-key-value", app.asCaller());
        FakeHttpResponse byHeader = get(ROUTE, headers);

        assertThat(byQuery.getStatusCode()).as(byQuery.bodyText()).isEqualTo(200);
        assertThat(byHeader.getStatusCode()).as(byHeader.bodyText()).isEqualTo(200);
    }

    private static String mint(Map<String, Object> claims) {
        return app.world.callerJwt(ContractWorld.CALLER_AUDIENCE, claims);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
