package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_SECRET;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_AWS;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_GCP;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_KUBERNETES;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_MANAGED_IDENTITY;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.OTHER_TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static org.assertj.core.api.Assertions.assertThat;

/** Graph in front of the Entra emulator's directory, called with tokens the Entra emulator issued. */
class GraphForEntraTenantIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
    private EmulatedCloud cloud;
    private EntraEmulator entra;
    private GraphEmulator graph;
    private Tenant tenant;

    @BeforeEach
    void start() {
        cloud = EmulatedCloud.builder().developmentCredentials().secondTenant().start();
        entra = cloud.entra();
        tenant = cloud.tenant();
        graph = cloud.graph();
        tenant.grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void servesTheBlueprintsFederatedCredentialsToItsOwnEntraToken() throws Exception {
        String token = blueprintGraphToken();
        String objectId = tenant.blueprint(BLUEPRINT_APP_ID).objectId();

        JsonNode fics = JSON.readTree(get("/beta/applications/" + objectId
                + "/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials", token).body());
        HttpResponse<String> app = get("/beta/applications/" + objectId, token);

        JsonNode fic = fics.path("value").get(0);
        assertThat(fic.path("issuer").asText()).isEqualTo(cloud.sts().issuer());
        assertThat(fic.path("subject").asText()).isEqualTo(AWS_ROLE_ARN);
        assertThat(fic.path("audiences").get(0).asText()).isEqualTo(EXCHANGE_AUDIENCE);
        JsonNode body = JSON.readTree(app.body());
        Instant secretExpiry = cloud.developmentCredentials().secretExpiry();
        assertThat(body.path("appId").asText()).isEqualTo(BLUEPRINT_APP_ID);
        assertThat(body.path("passwordCredentials").get(0).path("endDateTime").asText())
                .isEqualTo(secretExpiry.toString());
        assertThat(body.path("passwordCredentials").get(0).path("hint").asText()).isEqualTo("bp-");
        assertThat(app.body()).doesNotContain(BLUEPRINT_SECRET);
    }

    @Test
    void addressesTheBlueprintByItsAppIdAlternateKey() throws Exception {
        String token = blueprintGraphToken();

        JsonNode app = JSON.readTree(get("/beta/applications(appId='" + BLUEPRINT_APP_ID + "')", token).body());
        JsonNode fics = JSON.readTree(get("/beta/applications(appId='" + BLUEPRINT_APP_ID + "')/federatedIdentityCredentials",
                token).body());
        HttpResponse<String> unknown = get("/beta/applications(appId='00000000-0000-4000-8000-000000000000')", token);

        assertThat(app.path("id").asText()).isEqualTo(tenant.blueprint(BLUEPRINT_APP_ID).objectId());
        assertThat(fics.path("value").findValuesAsText("name")).contains(FIC_AWS);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void seesCredentialsAddedAfterStart() throws Exception {
        tenant.blueprint(BLUEPRINT_APP_ID)
                .federatedCredential("added-later", "https://accounts.google.com", "1234567890",
                EXCHANGE_AUDIENCE);

        JsonNode fics = JSON.readTree(get("/beta/applications/" + tenant.blueprint(BLUEPRINT_APP_ID).objectId()
                + "/federatedIdentityCredentials", blueprintGraphToken()).body());

        assertThat(fics.path("value").findValuesAsText("name")).containsExactly(FIC_AWS, FIC_GCP, FIC_KUBERNETES,
                FIC_MANAGED_IDENTITY, "added-later");
    }

    @Test
    void answersMeForADelegatedTokenOfADirectoryUser() throws Exception {
        String userToken = entra.mintUserToken(TENANT_ID, USER_OID, GRAPH, Set.of("User.Read"), Duration.ofMinutes(10));

        JsonNode me = JSON.readTree(get("/v1.0/me", userToken).body());

        assertThat(me.path("id").asText()).isEqualTo(USER_OID);
        assertThat(me.path("userPrincipalName").asText()).isEqualTo(USER_UPN);
    }

    @Test
    void refusesATokenFromAnotherTenant() throws Exception {
        String foreign = entra.mintUserToken(OTHER_TENANT_ID, USER_OID, GRAPH, Set.of("User.Read"),
                Duration.ofMinutes(10));

        HttpResponse<String> r = get("/v1.0/me", foreign);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
    }

    private String blueprintGraphToken() throws Exception {
        String form = "client_id=" + BLUEPRINT_APP_ID + "&client_secret=" + java.net.URLEncoder.encode(BLUEPRINT_SECRET, "UTF-8")
                + "&grant_type=client_credentials&scope=" + java.net.URLEncoder.encode(GRAPH + "/.default", "UTF-8");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(entra.baseUrl()
                .resolve("/" + TENANT_ID + "/oauth2/v2.0/token"))
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
