package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.AgentUser;
import dev.entrabridge.token.Flow;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.CALENDAR_AGENT;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** The three Agent ID flows from a workload identity (AWS STS), through the real MSAL4J. */
class AgentFlowsIT {

    @RegisterExtension
    final EmulatedCloudExtension world = new EmulatedCloudExtension();
    private AgentTokenService service;

    @BeforeEach
    void start() {
        service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);
    }

    private RecordedRequest last() {
        List<RecordedRequest> all = world.cloud().entra().tokenRequests();
        return all.get(all.size() - 1);
    }

    @Test
    void autonomousAppOnlyToken() {
        // The calendar agent holds exactly one Graph role, so the token's roles can be compared whole.
        AgentToken token = service.acquire(AgentTokenRequest.autonomous(CALENDAR_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("appid", CALENDAR_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID)
                .containsEntry("aud", List.of(GRAPH)).containsEntry("idtyp", "app")
                .containsEntry("roles", List.of("User.Read.All"));
        assertThat(last().formParam("grant_type")).contains("client_credentials");
    }

    @Test
    void onBehalfOfASignedInUser() {
        String userToken = world.cloud().entra()
                .mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"), Duration.ofHours(1));

        AgentToken token = service.acquire(AgentTokenRequest.onBehalfOf(MAIL_AGENT, Set.of(GRAPH + "/User.Read"),
                userToken));

        assertThat(token.flow()).isEqualTo(Flow.ON_BEHALF_OF);
        assertThat(claims(token.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID)
                .containsEntry("aud", List.of(GRAPH)).containsEntry("oid", USER_OID).containsEntry("idtyp", "user")
                .containsEntry("scp", "User.Read");
        RecordedRequest obo = last();
        assertThat(obo.formParam("grant_type")).contains("urn:ietf:params:oauth:grant-type:jwt-bearer");
        assertThat(obo.formParam("requested_token_use")).contains("on_behalf_of");
        assertThat(obo.formParam("assertion")).contains(userToken);
        assertThat(obo.formParam("client_id")).contains(MAILER_AGENT_APP_ID);
    }

    @Test
    void agentUserByObjectIdAndByUpn() {
        AgentToken byOid = service.acquire(AgentTokenRequest.agentUser(MAIL_AGENT, Set.of(GRAPH + "/User.Read"),
                AgentUser.byObjectId(UUID.fromString(AGENT_USER_OID))));

        assertThat(claims(byOid.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID)
                .containsEntry("aud", List.of(GRAPH)).containsEntry("oid", AGENT_USER_OID)
                .containsEntry("upn", AGENT_USER_UPN)
                .containsEntry("scp", "User.Read");
        RecordedRequest userFic = last();
        assertThat(userFic.formParam("grant_type")).contains("user_fic");
        assertThat(userFic.formParam("user_id")).contains(AGENT_USER_OID);
        assertThat(claims(userFic.formParam("user_federated_identity_credential").orElseThrow()))
                .containsEntry("aud", List.of(EXCHANGE_AUDIENCE)).containsEntry("azp", MAILER_AGENT_APP_ID);
        List<String> grants = world.cloud().entra().tokenRequests().stream()
                .map(r -> r.formParam("client_id").orElseThrow() + ":" + r.formParam("grant_type").orElseThrow())
                .toList();
        assertThat(grants).containsExactly(BLUEPRINT_APP_ID + ":client_credentials",
                MAILER_AGENT_APP_ID + ":client_credentials", MAILER_AGENT_APP_ID + ":user_fic");

        AgentTokenService fresh = world.bridge()
                .tokenService(CredentialSourceKind.AWS_STS); // MSAL's cache would answer otherwise
        AgentToken byUpn = fresh.acquire(AgentTokenRequest.agentUser(MAIL_AGENT, Set.of(GRAPH + "/User.Read"),
                AgentUser.byUsername(AGENT_USER_UPN)));

        assertThat(claims(byUpn.accessToken())).containsEntry("oid", AGENT_USER_OID);
        assertThat(last().formParam("grant_type")).contains("user_fic");
        assertThat(last().formParam("username")).contains(AGENT_USER_UPN);
        assertThat(last().formParam("user_id")).isEmpty();
    }

    @Test
    void theAgentCanBeNamedByItsAppIdAndUnknownAgentsAreRefused() {
        AgentToken token = service.acquire(AgentTokenRequest.autonomous(MAILER_AGENT_APP_ID, Set.of(GRAPH_DEFAULT)));
        assertThat(token.agentName()).isEqualTo(MAIL_AGENT);

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        service.acquire(AgentTokenRequest.autonomous("someone-else", Set.of(GRAPH_DEFAULT))))
                .isInstanceOf(AgentTokenException.class)
                .satisfies(e -> assertThat(((AgentTokenException) e).diagnosis().code())
                .isEqualTo("BRIDGE_UNKNOWN_AGENT"));
    }
}
