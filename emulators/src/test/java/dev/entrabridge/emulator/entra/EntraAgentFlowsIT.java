package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import com.microsoft.aad.msal4j.UserFederatedIdentityCredentialParameters;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.entrabridge.emulator.entra.EntraClientCredentialsIT.assertService;
import static dev.entrabridge.emulator.entra.EntraClientCredentialsIT.t1Parameters;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.emulator.entra.EntraClients.agentClient;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static dev.entrabridge.emulator.entra.EntraClients.client;
import static dev.entrabridge.emulator.entra.EntraClients.t1Subject;
import static org.assertj.core.api.Assertions.assertThat;

/** The Agent ID chains (T1 → T2 autonomous, on-behalf-of, agent user) composed from real MSAL4J calls. */
class EntraAgentFlowsIT {

    private final MutableClock clock = new MutableClock(Instant.now());
    private EmulatedCloud cloud;
    private EntraEmulator entra;
    private Tenant tenant;
    private ConfidentialClientApplication blueprint;

    @BeforeEach
    void start() {
        cloud = EmulatedCloud.builder().clock(clock).developmentCredentials().start();
        entra = cloud.entra();
        tenant = cloud.tenant();
        blueprint = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    /** T1 for the agent, from the blueprint app (MSAL caches it per fmi_path). */
    private String t1(String agent) {
        try {
            return blueprint.acquireToken(t1Parameters(agent)).get().accessToken();
        } catch (Exception e) {
            throw new IllegalStateException("T1 for " + agent + " failed", e);
        }
    }

    private ConfidentialClientApplication agent() {
        return agentClient(entra, MAILER_AGENT_APP_ID, () -> t1(MAILER_AGENT_APP_ID));
    }

    @Test
    void autonomousT2CarriesTheAgentAndItsBlueprint() throws Exception {
        // The calendar agent holds exactly one Graph role, so the token's roles can be compared whole.
        String agent = CALENDAR_AGENT_APP_ID;
        IAuthenticationResult t2 = agentClient(entra, agent, () -> t1(agent)).acquireToken(ClientCredentialParameters
                .builder(Set.of(GRAPH + "/.default")).build()).get();

        assertThat(claims(t2.accessToken())).containsEntry("aud", List.of(GRAPH)).containsEntry("appid", agent)
                .doesNotContainKey("azp").containsEntry("appidacr", "2").containsEntry("ver", "1.0")
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID)
                .containsEntry("roles", List.of("User.Read.All")).containsEntry("idtyp", "app")
                .containsEntry("xms_act_fct", "3 9 11").containsEntry("xms_sub_fct", "9 3 11")
                .containsEntry("xms_idrel", "7 10")
                .containsEntry("oid", tenant.findAgentIdentity(agent).orElseThrow().objectId());
        assertThat(entra.tokenRequests()).extracting(r -> r.formParam("client_id").orElseThrow())
                .containsExactly(BLUEPRINT_APP_ID, agent);
        assertThat(entra.tokenRequests().get(1).formParam("client_assertion_type"))
                .contains("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    }

    @Test
    void msalCacheAnswersTheSecondIdenticalCallWithoutARequest() throws Exception {
        var agent = agent();
        var parameters = ClientCredentialParameters.builder(Set.of(GRAPH + "/.default")).build();
        String first = agent.acquireToken(parameters).get().accessToken();
        int requests = entra.requests().size();

        String second = agent.acquireToken(parameters).get().accessToken();

        assertThat(second).isEqualTo(first);
        assertThat(entra.requests()).hasSize(requests);
    }

    @Test
    void msalCachesT1PerFmiPath() throws Exception {
        String agentT1 = t1(MAILER_AGENT_APP_ID);
        String second = UUID.randomUUID().toString();
        tenant.agentIdentity(second, BLUEPRINT_APP_ID);

        assertThat(t1(MAILER_AGENT_APP_ID)).isEqualTo(agentT1);
        assertThat(entra.tokenRequests()).hasSize(1);
        assertThat(claims(t1(second))).containsEntry("sub", t1Subject(BLUEPRINT_APP_ID, second));
        assertThat(entra.tokenRequests()).extracting(r -> r.formParam("fmi_path").orElseThrow())
                .containsExactly(MAILER_AGENT_APP_ID, second);
    }

    @Test
    void expiredT1Is700024() {
        String staleT1 = t1(MAILER_AGENT_APP_ID);
        clock.advance(Duration.ofHours(2));
        var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> staleT1);

        assertService(() -> agent.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/.default"))
                .build()).get(), "invalid_client", 700024, 401);
    }

    @Test
    void t1ObtainedForAnotherAgentIsRefused() {
        String otherBlueprintId = UUID.randomUUID().toString();
        String otherAgent = UUID.randomUUID().toString();
        tenant.blueprint(otherBlueprintId).secret(BLUEPRINT_SECRET, clock.instant().plus(Duration.ofDays(1)));
        tenant.agentIdentity(otherAgent, otherBlueprintId);
        var otherBlueprint = client(entra, otherBlueprintId,
                ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));
        var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> {
            try {
                return otherBlueprint.acquireToken(t1Parameters(otherAgent)).get().accessToken();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertService(() -> agent.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/.default"))
                .build()).get(), "invalid_client", 50013, 401);
    }

    @Test
    void disabledAgentIs7000112() {
        String t1 = t1(MAILER_AGENT_APP_ID);
        tenant.findAgentIdentity(MAILER_AGENT_APP_ID).orElseThrow().enabled(false);
        var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> t1);

        assertService(() -> agent.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/.default"))
                .build()).get(), "unauthorized_client", 7000112, 400);
    }

    @Test
    void agentScopeMustBeDefaultAndResourceKnown() {
        var agent = agent();

        assertService(() -> agent.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/User.Read"))
                .build()).get(), "invalid_scope", 70011, 400);
        assertService(() -> agent.acquireToken(ClientCredentialParameters.builder(Set.of("api://unknown/.default"))
                .build()).get(), "invalid_resource", 500011, 400);
    }

    @Test
    void onBehalfOfAUserGivesADelegatedAgentToken() throws Exception {
        String userToken = entra.mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                Duration.ofHours(1));

        IAuthenticationResult result = agent().acquireToken(OnBehalfOfParameters
                .builder(Set.of(GRAPH + "/User.Read"), new UserAssertion(userToken)).build()).get();

        assertThat(claims(result.accessToken())).containsEntry("idtyp", "user").containsEntry("oid", USER_OID)
                .containsEntry("scp", "User.Read").containsEntry("appid", MAILER_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID).containsEntry("aud", List.of(GRAPH))
                .containsEntry("xms_sub_fct", "3 12");
        var sent = entra.tokenRequests().get(entra.tokenRequests().size() - 1);
        assertThat(sent.formParam("grant_type")).contains("urn:ietf:params:oauth:grant-type:jwt-bearer");
        assertThat(sent.formParam("requested_token_use")).contains("on_behalf_of");
        assertThat(result.account().homeAccountId()).isEqualTo(USER_OID + "." + TENANT_ID);
    }

    @Test
    void onBehalfOfRulesAudienceExpiryAndConsent() {
        var agent = agent();
        String aimedAtAgent = entra.mintUserToken(TENANT_ID, USER_OID, MAILER_AGENT_APP_ID, Set.of("access_as_user"),
                Duration.ofHours(1));
        var wrongAudience = assertService(() -> agent.acquireToken(OnBehalfOfParameters
                .builder(Set.of(GRAPH + "/User.Read"), new UserAssertion(aimedAtAgent)).build()).get(),
                "invalid_grant", 50013, 400);
        assertThat(wrongAudience.getMessage()).contains("must be its blueprint");

        String expiring = entra.mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(30));
        assertService(() -> agent.acquireToken(OnBehalfOfParameters
                .builder(Set.of(GRAPH + "/User.Read"), new UserAssertion(expiring)).build()).get(),
                "invalid_grant", 500133, 400);

        String fresh = entra.mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                Duration.ofHours(1));
        assertService(() -> agent.acquireToken(OnBehalfOfParameters
                .builder(Set.of(GRAPH + "/Mail.Read"), new UserAssertion(fresh)).build()).get(),
                "invalid_grant", 65001, 400);
    }

    @Test
    void agentUserGetsADelegatedTokenThroughUserFic() throws Exception {
        var agent = agent();
        String t2 = agent.acquireToken(ClientCredentialParameters.builder(Set.of(EXCHANGE_AUDIENCE + "/.default"))
                .build())
                .get().accessToken();

        IAuthenticationResult result = agent.acquireToken(UserFederatedIdentityCredentialParameters
                .builder(Set.of(GRAPH + "/User.Read"), UUID.fromString(AGENT_USER_OID), t2).build()).get();

        assertThat(claims(result.accessToken())).containsEntry("oid", AGENT_USER_OID).containsEntry("idtyp", "user")
                .containsEntry("upn", AGENT_USER_UPN).containsEntry("appid", MAILER_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID).containsEntry("xms_sub_fct", "13")
                .containsEntry("xms_act_fct", "3 9 11").containsEntry("scp", "User.Read");
        var sent = entra.tokenRequests().get(entra.tokenRequests().size() - 1);
        assertThat(sent.formParam("grant_type")).contains("user_fic");
        assertThat(sent.formParam("user_id")).contains(AGENT_USER_OID);
        assertThat(result.account().username()).isEqualTo(AGENT_USER_UPN);

        IAuthenticationResult byName = agent().acquireToken(UserFederatedIdentityCredentialParameters
                .builder(Set.of(GRAPH + "/User.Read"), AGENT_USER_UPN, t2).build()).get();
        assertThat(entra.tokenRequests().get(entra.tokenRequests().size() - 1).formParam("username"))
                .contains(AGENT_USER_UPN);
        assertThat(claims(byName.accessToken())).containsEntry("oid", AGENT_USER_OID);

        int requests = entra.requests().size();
        IAuthenticationResult cached = agent.acquireToken(UserFederatedIdentityCredentialParameters
                .builder(Set.of(GRAPH + "/User.Read"), AGENT_USER_UPN, t2).build()).get();
        assertThat(cached.accessToken()).isEqualTo(result.accessToken());
        assertThat(entra.requests()).hasSize(requests);
    }

    @Test
    void userFicNeedsTheAgentsOwnExchangeToken() {
        var agent = agent();
        String t1 = t1(MAILER_AGENT_APP_ID);
        assertService(() -> agent.acquireToken(UserFederatedIdentityCredentialParameters
                .builder(Set.of(GRAPH + "/User.Read"), UUID.fromString(AGENT_USER_OID), t1).build()).get(),
                "invalid_grant", 50013, 400);
    }
}
