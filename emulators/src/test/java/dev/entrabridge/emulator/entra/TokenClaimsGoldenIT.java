package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import com.microsoft.aad.msal4j.UserFederatedIdentityCredentialParameters;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.emulator.entra.EntraClientCredentialsIT.t1Parameters;
import static dev.entrabridge.emulator.entra.EntraClients.agentClient;
import static dev.entrabridge.emulator.entra.EntraClients.client;
import static dev.entrabridge.emulator.entra.EntraClients.t1Subject;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each token kind's claim set, obtained through MSAL4J, against a golden fixture that says which
 * Microsoft document it follows: exactly the fixture's claims, with its values (placeholders for
 * times, {@code uti} and pairwise subjects).
 */
class TokenClaimsGoldenIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmulatedCloud cloud;
    private static ConfidentialClientApplication blueprint;

    @BeforeAll
    static void start() {
        cloud = EmulatedCloud.builder().developmentCredentials().demoPeople().start();
        cloud.tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
        blueprint = client(cloud.entra(), BLUEPRINT_APP_ID, ClientCredentialFactory.createFromCallback(
                () -> cloud.kubernetesToken(Duration.ofMinutes(10))));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static String t1() throws Exception {
        return blueprint.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get().accessToken();
    }

    private static ConfidentialClientApplication agent() {
        return agentClient(cloud.entra(), MAILER_AGENT_APP_ID, () -> {
            try {
                return t1();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void blueprintT1() throws Exception {
        assertGolden("t1.json", t1());
    }

    @Test
    void autonomousAgentTokenForGraph() throws Exception {
        assertGolden("t2-autonomous.json", agent().acquireToken(ClientCredentialParameters
                .builder(Set.of(GRAPH + "/.default")).build()).get().accessToken());
    }

    @Test
    void agentOnBehalfOfToken() throws Exception {
        String userToken = EntraClients.personToken(cloud.entra());
        assertGolden("agent-obo.json", agent().acquireToken(OnBehalfOfParameters
                .builder(Set.of(GRAPH + "/User.Read"), new UserAssertion(userToken)).build()).get().accessToken());
    }

    @Test
    void agentUserToken() throws Exception {
        var agent = agent();
        String t2 = agent.acquireToken(ClientCredentialParameters.builder(Set.of(EXCHANGE_AUDIENCE + "/.default"))
                .build()).get().accessToken();
        assertGolden("agent-user.json", agent.acquireToken(UserFederatedIdentityCredentialParameters
                .builder(Set.of(GRAPH + "/User.Read"), UUID.fromString(AGENT_USER_OID), t2).build()).get().accessToken());
    }

    @Test
    void graphAppTokenOfAnApplicationWithASecret() throws Exception {
        var withSecret = client(cloud.entra(), BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));
        assertGolden("graph-app.json", withSecret.acquireToken(ClientCredentialParameters
                .builder(Set.of(GRAPH + "/.default")).build()).get().accessToken());
    }

    @Test
    void usersTokenForTheBlueprint() throws Exception {
        assertGolden("user-token.json", EntraClients.personToken(cloud.entra()));
    }

    private static void assertGolden(String fixture, String jwt) throws IOException {
        JsonNode golden = read(fixture);
        assertThat(golden.path("follows").asText()).as("%s names the document it follows", fixture).isNotBlank();
        JsonNode expected = golden.path("claims");
        JsonNode actual = JSON.valueToTree(EntraClients.claims(jwt));
        assertThat(names(actual)).as("claim names of %s", fixture).isEqualTo(names(expected));
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            assertClaim(fixture, claim.getKey(), substitute(claim.getValue()), actual.get(claim.getKey()), actual);
        }
    }

    private static void assertClaim(String fixture, String name, JsonNode expected, JsonNode actual, JsonNode all) {
        String what = fixture + " claim " + name;
        switch (expected.asText()) {
            case "<epoch>" -> assertThat(actual.isNumber()).as(what).isTrue();
            case "<uti>" -> assertThat(actual.asText()).as(what).matches("[A-Za-z0-9_-]{16,}");
            case "<pairwise-sub>" -> assertThat(actual.asText()).as(what).matches("[A-Za-z0-9_-]{43}")
                    .isNotEqualTo(all.path("oid").asText());
            default -> {
                if (actual.isArray() && !expected.isArray() && actual.size() == 1) {
                    // A single aud is one string in the JWT; nimbus reads it as a list of one.
                    assertThat(actual.get(0).asText()).as(what).isEqualTo(expected.asText());
                } else if (expected.isArray()) {
                    // Entra does not promise an order for roles.
                    assertThat(texts(actual)).as(what).isEqualTo(texts(expected));
                } else {
                    assertThat(actual.asText()).as(what).isEqualTo(expected.asText());
                }
            }
        }
    }

    private static JsonNode substitute(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.asText();
        Tenant t = cloud.tenant();
        Map<String, String> names = Map.of(
                "{tenant}", TENANT_ID, "{blueprint}", BLUEPRINT_APP_ID,
                "{blueprintObjectId}", t.findBlueprint(BLUEPRINT_APP_ID).orElseThrow().objectId(),
                "{agent}", MAILER_AGENT_APP_ID,
                "{agentObjectId}", t.findAgentIdentity(MAILER_AGENT_APP_ID).orElseThrow().objectId(),
                "{user}", USER_OID, "{userUpn}", USER_UPN, "{agentUser}", AGENT_USER_OID,
                "{agentUserUpn}", AGENT_USER_UPN, "{publicClient}", PUBLIC_CLIENT_APP_ID);
        for (Map.Entry<String, String> n : names.entrySet()) {
            text = text.replace(n.getKey(), n.getValue());
        }
        text = text.replace("{t1Subject}", t1Subject(BLUEPRINT_APP_ID, MAILER_AGENT_APP_ID));
        return JSON.getNodeFactory().textNode(text);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return new TreeSet<>(values);
    }

    private static JsonNode read(String fixture) throws IOException {
        try (InputStream in = TokenClaimsGoldenIT.class.getResourceAsStream("/golden/claims/" + fixture)) {
            assertThat(in).as("fixture %s", fixture).isNotNull();
            return JSON.readTree(in);
        }
    }
}
