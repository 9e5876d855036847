package dev.entrabridge.sidecar;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.emulator.entra.EntraEmulator;
import dev.entrabridge.emulator.http.SigningKey;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.EmulatedDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_UPN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.CALENDAR_AGENT_USER_UPN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusals an attacker or a confused client met, over HTTP against the sidecar on the emulated
 * cloud: an agent acts only as its own agent user (decided before Entra is asked), forged caller
 * tokens are 401 {@code invalid_token} and cost at most one key fetch, a scope the agent cannot get
 * is the request's fault (400), and an unknown agent is the policy's 403.
 */
class RefusalsOverHttpIT {

    private static final String ROUTE = "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=" + EmulatedDeployment.MAIL_AGENT;

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.demoPeople().clock(Clock.systemUTC()));

    private static SidecarMain.Running sidecar;
    private static URI base;
    private static EntraEmulator entra;

    @BeforeAll
    static void startSidecar() throws IOException {
        sidecar = KitSidecar.start(WORLD, Map.of("BRIDGE_RETRY_MAX_ATTEMPTS", "1"));
        base = sidecar.server().baseUrl();
        entra = WORLD.cloud().entra();
    }

    @AfterAll
    static void stopSidecar() {
        sidecar.close();
    }

    @Test
    void anAgentActsAsItsOwnAgentUserByUpnOrObjectIdAndAsNoOneElseAndEntraIsNotAsked() {
        assertThat(get(ROUTE + "&AgentUsername=" + enc(AGENT_USER_UPN)).status()).isEqualTo(200);
        assertThat(get(ROUTE + "&AgentUserId=" + AGENT_USER_OID).status()).isEqualTo(200);
        int asked = entra.tokenRequests().size();

        Response person = get(ROUTE + "&AgentUsername=" + enc(USER_UPN));
        Response personById = get(ROUTE + "&AgentUserId=" + USER_OID);
        Response othersUser = get(ROUTE + "&AgentUsername=" + enc(CALENDAR_AGENT_USER_UPN));
        Response viaToken = post("/token", "{\"agentIdentity\":\"mail-agent\",\"api\":\"graph\",\"agentUsername\":\""
                + USER_UPN + "\"}");

        for (Response refused : new Response[] {person, personById, othersUser, viaToken}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"BRIDGE_NOT_THE_AGENTS_USER\"", "'mail-agent'")
                    .doesNotContain("Bearer ey");
        }
        assertThat(person.body()).contains(USER_UPN);
        assertThat(personById.body()).contains(USER_OID);
        assertThat(entra.tokenRequests()).as("Entra is never asked for another user").hasSize(asked);
    }

    @Test
    void aBurstOfForgedCallerTokensIsTwentyTimes401InvalidTokenWithAtMostOneKeyFetch() {
        assertThat(get("/Validate", Map.of("Authorization", "Bearer " + forged("warm"))).status()).isEqualTo(401);
        long fetchesBefore = keyFetches();

        for (int i = 0; i < 20; i++) {
            Response r = get("/Validate", Map.of("Authorization", "Bearer " + forged("forged-" + i)));

            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
            assertThat(r.body()).contains("\"code\":\"CALLER_TOKEN_UNKNOWN_KEY\"");
        }
        assertThat(fetchesBefore).isLessThanOrEqualTo(1);
        assertThat(keyFetches()).as("key fetches during the burst").isEqualTo(fetchesBefore);
    }

    @Test
    void aScopeTheAgentCannotGetIsTheRequestsFault400NotAnAuthenticationFailure() {
        for (String scope : new String[] {"Directory.ReadWrite.All", "https://foreign.example.com/.default",
                "api://unknown-api/.default"}) {
            Response r = get(ROUTE + "&optionsOverride.Scopes=" + enc(scope));

            assertThat(r.status()).as(scope + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("WWW-Authenticate")).isEmpty();
            assertThat(r.body()).containsPattern("\"code\":\"AADSTS(70011|500011)\"").contains("/.default");
        }
    }

    @Test
    void anUnknownAgentIsThePolicys403AndNamesNoConfiguredAgent() {
        Response r = get("/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=no-such-agent");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("\"code\":\"POLICY_DENIED\"").doesNotContain(EmulatedDeployment.CALENDAR_AGENT);
    }

    /** A token that claims the tenant's issuer and the blueprint's audience, signed by a key the tenant never published. */
    private static String forged(String kid) {
        return SigningKey.generate(kid).sign(new JWTClaimsSet.Builder().issuer(entra.issuer(TENANT_ID))
                .subject(USER_OID).audience(BLUEPRINT_APP_ID).claim("oid", USER_OID)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
    }

    private static long keyFetches() {
        return entra.requests().stream().filter(r -> r.path().endsWith("/discovery/v2.0/keys")).count();
    }

    private static Response get(String target) {
        return get(target, Map.of());
    }

    private static Response get(String target, Map<String, String> headers) {
        return RawHttp.send(base, "GET", target, headers, new byte[0]);
    }

    private static Response post(String target, String json) {
        return RawHttp.send(base, "POST", target, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
