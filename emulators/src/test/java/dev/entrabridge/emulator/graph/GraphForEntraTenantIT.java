package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.entra.EntraEmulator;
import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Graph in front of the Entra emulator's directory, called with tokens the Entra emulator issued. */
class GraphForEntraTenantIT {

    private static final String TENANT = "7f3c1a52-0d4e-4b8f-9a61-2c5e8d9b0a11";
    private static final String OTHER_TENANT = "1a2b3c4d-0000-4000-8000-00000000beef";
    private static final String BLUEPRINT = "0b5e2c1d-6a4f-4e3b-8c2d-1f9e7a6b5c40";
    private static final String SECRET = "bp-secret-value~1";
    private static final String ALICE = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a81";
    private static final String GRAPH = "https://graph.microsoft.com";
    private static final Instant SECRET_EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
    private EntraEmulator entra;
    private GraphEmulator graph;
    private Tenant tenant;

    @BeforeEach
    void start() {
        entra = EntraEmulator.start(Clock.systemUTC());
        tenant = entra.directory().tenant(TENANT, "contoso.onmicrosoft.com");
        tenant.blueprint(BLUEPRINT).secret(SECRET, SECRET_EXPIRY)
                .federatedCredential("aws-agent-role", "https://abc.tokens.sts.global.api.aws",
                        "arn:aws:iam::123456789012:role/agent", "api://AzureADTokenExchange");
        tenant.user(ALICE, "alice@contoso.onmicrosoft.com");
        tenant.resource(GRAPH).appRoles("AgentIdentityBlueprint.Read.All", "User.Read.All").scopes("User.Read");
        tenant.grantAppRoles(BLUEPRINT, GRAPH, "AgentIdentityBlueprint.Read.All");
        entra.directory().tenant(OTHER_TENANT).resource(GRAPH);
        graph = GraphEmulator.startFor(entra, TENANT, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        graph.close();
        entra.close();
    }

    @Test
    void servesTheBlueprintsFederatedCredentialsToItsOwnEntraToken() throws Exception {
        String token = blueprintGraphToken();
        String objectId = tenant.blueprint(BLUEPRINT).objectId();

        JsonNode fics = JSON.readTree(get("/beta/applications/" + objectId
                + "/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials", token).body());
        HttpResponse<String> app = get("/beta/applications/" + objectId, token);

        JsonNode fic = fics.path("value").get(0);
        assertThat(fic.path("issuer").asText()).isEqualTo("https://abc.tokens.sts.global.api.aws");
        assertThat(fic.path("subject").asText()).isEqualTo("arn:aws:iam::123456789012:role/agent");
        assertThat(fic.path("audiences").get(0).asText()).isEqualTo("api://AzureADTokenExchange");
        JsonNode body = JSON.readTree(app.body());
        assertThat(body.path("appId").asText()).isEqualTo(BLUEPRINT);
        assertThat(body.path("passwordCredentials").get(0).path("endDateTime").asText()).isEqualTo(SECRET_EXPIRY.toString());
        assertThat(body.path("passwordCredentials").get(0).path("hint").asText()).isEqualTo("bp-");
        assertThat(app.body()).doesNotContain(SECRET);
    }

    @Test
    void addressesTheBlueprintByItsAppIdAlternateKey() throws Exception {
        String token = blueprintGraphToken();

        JsonNode app = JSON.readTree(get("/beta/applications(appId='" + BLUEPRINT + "')", token).body());
        JsonNode fics = JSON.readTree(get("/beta/applications(appId='" + BLUEPRINT + "')/federatedIdentityCredentials",
                token).body());
        HttpResponse<String> unknown = get("/beta/applications(appId='00000000-0000-4000-8000-000000000000')", token);

        assertThat(app.path("id").asText()).isEqualTo(tenant.blueprint(BLUEPRINT).objectId());
        assertThat(fics.path("value").findValuesAsText("name")).contains("aws-agent-role");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void seesCredentialsAddedAfterStart() throws Exception {
        tenant.blueprint(BLUEPRINT).federatedCredential("gcp", "https://accounts.google.com", "1234567890", "api://AzureADTokenExchange");

        JsonNode fics = JSON.readTree(get("/beta/applications/" + tenant.blueprint(BLUEPRINT).objectId()
                + "/federatedIdentityCredentials", blueprintGraphToken()).body());

        assertThat(fics.path("value").findValuesAsText("name")).containsExactly("aws-agent-role", "gcp");
    }

    @Test
    void answersMeForADelegatedTokenOfADirectoryUser() throws Exception {
        String userToken = entra.mintUserToken(TENANT, ALICE, GRAPH, Set.of("User.Read"), Duration.ofMinutes(10));

        JsonNode me = JSON.readTree(get("/v1.0/me", userToken).body());

        assertThat(me.path("id").asText()).isEqualTo(ALICE);
        assertThat(me.path("userPrincipalName").asText()).isEqualTo("alice@contoso.onmicrosoft.com");
    }

    @Test
    void refusesATokenFromAnotherTenant() throws Exception {
        String foreign = entra.mintUserToken(OTHER_TENANT, ALICE, GRAPH, Set.of("User.Read"), Duration.ofMinutes(10));

        HttpResponse<String> r = get("/v1.0/me", foreign);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
    }

    private String blueprintGraphToken() throws Exception {
        String form = "client_id=" + BLUEPRINT + "&client_secret=" + java.net.URLEncoder.encode(SECRET, "UTF-8")
                + "&grant_type=client_credentials&scope=" + java.net.URLEncoder.encode(GRAPH + "/.default", "UTF-8");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(entra.baseUrl().resolve("/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        URI uri = graph.baseUrl().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
