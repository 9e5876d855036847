package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.entra.FederatedIdentityCredential;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a blueprint's federated identity credentials through Graph, with an administrator's delegated
 * token: what Graph stores, where Entra then trusts it, and each rule Graph refuses a credential by.
 */
class GraphFederatedCredentialsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/new-role";

    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
    private EmulatedCloud cloud;
    private String credentialsPath;
    private String adminToken;

    @BeforeEach
    void start() {
        cloud = EmulatedCloud.start(java.time.Clock.systemUTC());
        credentialsPath = "/beta/applications/" + cloud.tenant().blueprint(BLUEPRINT_APP_ID).objectId()
                + "/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials";
        adminToken = delegated("AgentIdentityBlueprint.AddRemoveCreds.All", "AgentIdentityBlueprint.Read.All");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void createsACredentialThatEntraTrustsAndGraphLists() throws Exception {
        HttpResponse<String> created = post(credentialsPath, fixture("fic-aws-role.json"), adminToken);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.path("@odata.context").asText()).endsWith("/federatedIdentityCredentials/$entity");
        assertThat(body.path("name").asText()).isEqualTo("eab-aws-new-role");
        assertThat(body.path("subject").asText()).isEqualTo(ROLE);
        assertThat(body.path("id").asText()).isNotBlank();
        FederatedIdentityCredential stored = cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredentials().stream()
                .filter(f -> f.name().equals("eab-aws-new-role")).findFirst().orElseThrow();
        assertThat(stored.issuer()).isEqualTo("https://0a1b2c3d-0000-4000-8000-000000000001.tokens.sts.global.api.aws");
        assertThat(stored.audiences()).containsExactly(EXCHANGE_AUDIENCE);
        JsonNode listed = JSON.readTree(get(credentialsPath, adminToken).body());
        assertThat(listed.path("value").findValuesAsText("name")).contains("eab-aws-new-role");
        JsonNode byName = JSON.readTree(get(credentialsPath + "/eab-aws-new-role", adminToken).body());
        assertThat(byName.path("subject").asText()).isEqualTo(ROLE);
    }

    @Test
    void refusesASecondCredentialWithTheSameName() throws Exception {
        post(credentialsPath, fixture("fic-aws-role.json"), adminToken);

        HttpResponse<String> again = post(credentialsPath,
                fixture("fic-aws-role.json").replace("role/new-role", "role/other-role"), adminToken);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(error(again).path("code").asText()).isEqualTo("Request_MultipleObjectsWithSameKeyValue");
        assertThat(error(again).path("message").asText())
                .isEqualTo("FederatedIdentityCredential with name eab-aws-new-role already exists.");
    }

    @Test
    void refusesTheSameIssuerAndSubjectUnderAnotherName() throws Exception {
        post(credentialsPath, fixture("fic-aws-role.json"), adminToken);

        HttpResponse<String> again = post(credentialsPath,
                fixture("fic-aws-role.json").replace("\"eab-aws-new-role\"", "\"renamed\""), adminToken);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again).path("code").asText()).isEqualTo("InvalidFederatedIdentityCredentialValue");
        assertThat(error(again).path("message").asText()).startsWith("The combination of issuer and subject must be "
                + "unique for the application.").contains("paramName: FederatedIdentityCredential.Subject, paramValue: " + ROLE);
    }

    @Test
    void refusesANameThatIsNoUriSegmentTwoAudiencesAndUnknownProperties() throws Exception {
        HttpResponse<String> slash = post(credentialsPath,
                fixture("fic-aws-role.json").replace("eab-aws-new-role", "eab/aws"), adminToken);
        HttpResponse<String> twoAudiences = post(credentialsPath, fixture("fic-aws-role.json")
                .replace("[\"api://AzureADTokenExchange\"]", "[\"api://AzureADTokenExchange\", \"other\"]"), adminToken);
        HttpResponse<String> unknown = post(credentialsPath,
                fixture("fic-aws-role.json").replace("\"name\"", "\"color\": \"red\", \"name\""), adminToken);

        assertThat(slash.statusCode()).isEqualTo(400);
        assertThat(error(slash).path("message").asText()).startsWith("The specified Name value is not a valid URI last "
                + "segment. paramName: FederatedIdentityCredential.Name, paramValue: eab/aws");
        assertThat(twoAudiences.statusCode()).isEqualTo(400);
        assertThat(error(twoAudiences).path("message").asText()).contains("FederatedIdentityCredential.Audiences");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(error(unknown).path("message").asText()).startsWith("Invalid property 'color'.");
    }

    @Test
    void refusesTheTwentyFirstCredential() throws Exception {
        int existing = cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredentials().size();
        for (int i = existing; i < FederatedCredentialRules.MAX_CREDENTIALS; i++) {
            HttpResponse<String> r = post(credentialsPath, fixture("fic-aws-role.json")
                    .replace("new-role", "role-" + i), adminToken);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }

        HttpResponse<String> twentyFirst = post(credentialsPath, fixture("fic-aws-role.json"), adminToken);

        assertThat(twentyFirst.statusCode()).isEqualTo(403);
        assertThat(error(twentyFirst).path("code").asText()).isEqualTo("Directory_ResourceSizeExceeded");
        assertThat(cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredentials()).hasSize(20);
    }

    @Test
    void refusesAWriteToATokenThatMayOnlyRead() throws Exception {
        HttpResponse<String> r = post(credentialsPath, fixture("fic-aws-role.json"),
                delegated("AgentIdentityBlueprint.Read.All"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r).path("code").asText()).isEqualTo("Authorization_RequestDenied");
        assertThat(cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredentials())
                .noneMatch(f -> f.subject().equals(ROLE));
    }

    private String delegated(String... scopes) {
        return cloud.entra().mintUserToken(TENANT_ID, USER_OID, GRAPH, Set.of(scopes), Duration.ofMinutes(10));
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of(GraphFederatedCredentialsIT.class.getResource("/graph/" + name).toURI()));
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("error");
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(cloud.graph().baseUrl().resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(cloud.graph().baseUrl().resolve(path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
