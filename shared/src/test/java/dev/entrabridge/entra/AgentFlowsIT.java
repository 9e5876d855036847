package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.AgentUser;
import dev.entrabridge.token.Flow;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.testing.FederationWorld;
import dev.entrabridge.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.entrabridge.testing.FederationWorld.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The three Agent ID flows from a workload identity (AWS STS), through the real MSAL4J. */
class AgentFlowsIT {

    @TempDir
    Path dir;
    private FederationWorld world;
    private AgentTokenService service;

    @BeforeEach
    void start() {
        world = new FederationWorld(dir, MutableClock.startingNow());
        service = world.service(CredentialSourceKind.AWS_STS);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private RecordedRequest last() {
        List<RecordedRequest> all = world.entra.tokenRequests();
        return all.get(all.size() - 1);
    }

    @Test
    void autonomousAppOnlyToken() {
        AgentToken token = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("azp", AGENT).containsEntry("xms_par_app_azp", BLUEPRINT)
                .containsEntry("aud", List.of(GRAPH)).containsEntry("idtyp", "app")
                .containsEntry("roles", List.of("User.Read.All"));
        assertThat(last().formParam("grant_type")).contains("client_credentials");
    }

    @Test
    void onBehalfOfASignedInUser() {
        String userToken = world.entra.mintUserToken(TENANT, USER, BLUEPRINT, Set.of("access_as_user"), Duration.ofHours(1));

        AgentToken token = service.acquire(AgentTokenRequest.onBehalfOf(AGENT_NAME, Set.of(GRAPH + "/User.Read"), userToken));

        assertThat(token.flow()).isEqualTo(Flow.ON_BEHALF_OF);
        assertThat(claims(token.accessToken())).containsEntry("azp", AGENT).containsEntry("xms_par_app_azp", BLUEPRINT)
                .containsEntry("aud", List.of(GRAPH)).containsEntry("oid", USER).containsEntry("idtyp", "user")
                .containsEntry("scp", "User.Read");
        RecordedRequest obo = last();
        assertThat(obo.formParam("grant_type")).contains("urn:ietf:params:oauth:grant-type:jwt-bearer");
        assertThat(obo.formParam("requested_token_use")).contains("on_behalf_of");
        assertThat(obo.formParam("assertion")).contains(userToken);
        assertThat(obo.formParam("client_id")).contains(AGENT);
    }

    @Test
    void agentUserByObjectIdAndByUpn() {
        AgentToken byOid = service.acquire(AgentTokenRequest.agentUser(AGENT_NAME, Set.of(GRAPH + "/User.Read"),
                AgentUser.byObjectId(UUID.fromString(AGENT_USER))));

        assertThat(claims(byOid.accessToken())).containsEntry("azp", AGENT).containsEntry("xms_par_app_azp", BLUEPRINT)
                .containsEntry("aud", List.of(GRAPH)).containsEntry("oid", AGENT_USER).containsEntry("upn", AGENT_USER_UPN)
                .containsEntry("scp", "User.Read");
        RecordedRequest userFic = last();
        assertThat(userFic.formParam("grant_type")).contains("user_fic");
        assertThat(userFic.formParam("user_id")).contains(AGENT_USER);
        assertThat(claims(userFic.formParam("user_federated_identity_credential").orElseThrow()))
                .containsEntry("aud", List.of(EXCHANGE)).containsEntry("azp", AGENT);
        List<String> grants = world.entra.tokenRequests().stream()
                .map(r -> r.formParam("client_id").orElseThrow() + ":" + r.formParam("grant_type").orElseThrow()).toList();
        assertThat(grants).containsExactly(BLUEPRINT + ":client_credentials", AGENT + ":client_credentials", AGENT + ":user_fic");

        AgentTokenService fresh = world.service(CredentialSourceKind.AWS_STS); // MSAL's cache would answer otherwise
        AgentToken byUpn = fresh.acquire(AgentTokenRequest.agentUser(AGENT_NAME, Set.of(GRAPH + "/User.Read"),
                AgentUser.byUsername(AGENT_USER_UPN)));

        assertThat(claims(byUpn.accessToken())).containsEntry("oid", AGENT_USER);
        assertThat(last().formParam("grant_type")).contains("user_fic");
        assertThat(last().formParam("username")).contains(AGENT_USER_UPN);
        assertThat(last().formParam("user_id")).isEmpty();
    }

    @Test
    void theAgentCanBeNamedByItsAppIdAndUnknownAgentsAreRefused() {
        AgentToken token = service.acquire(AgentTokenRequest.autonomous(AGENT, Set.of(GRAPH_DEFAULT)));
        assertThat(token.agentName()).isEqualTo(AGENT_NAME);

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        service.acquire(AgentTokenRequest.autonomous("someone-else", Set.of(GRAPH_DEFAULT))))
                .isInstanceOf(AgentTokenException.class)
                .satisfies(e -> assertThat(((AgentTokenException) e).diagnosis().code()).isEqualTo("BRIDGE_UNKNOWN_AGENT"));
    }
}
