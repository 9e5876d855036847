package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.token.Diagnosis.Category;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Transient failures are retried within the budget; FIC propagation only when configured. */
class RetriesIT {

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(EmulatedCloud.Builder::developmentCredentials);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** A service whose waits are recorded and advance the shared clock (so the emulators see time pass). */
    private AgentTokenService service(Map<String, String> env) {
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        return world.bridge().tokenService(config, world.clock(), d -> {
            waits.add(d);
            world.clock().advance(d);
        });
    }

    @Test
    void throttlingIsRetriedAfterRetryAfter() {
        world.cloud().entra().faults().failNext(1, Fault.throttle(Duration.ofSeconds(2)));

        AgentToken token = service(world.bridge().environment(CredentialSourceKind.CLIENT_SECRET))
                .acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID)).hasSize(2);
    }

    @Test
    void unavailabilityAndDroppedConnectionsAreRetriedWithBackoff() {
        world.cloud().entra().faults().failNext(1, Fault.status(503)).failNext(1, Fault.closeConnection());

        AgentToken token = service(world.bridge().environment(CredentialSourceKind.CLIENT_SECRET))
                .acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID);
        assertThat(waits).hasSize(2).allSatisfy(d -> assertThat(d)
                .isBetween(Duration.ofMillis(100), Duration.ofMillis(400)));
    }

    @Test
    void persistentUnavailabilityEndsWithATransientDiagnosisInsideTheBudget() {
        world.cloud().entra().faults().failNext(10, Fault.unavailable(Duration.ofSeconds(1)));
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.CLIENT_SECRET);
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "3");

        AgentTokenException e = catchThrowableOfType(AgentTokenException.class, () -> service(env)
                .acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT))));

        assertThat(e.diagnosis().category()).isEqualTo(Category.TRANSIENT);
        assertThat(e.diagnosis().code()).isEqualTo("ENTRA_HTTP_503");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(world.cloud().entra().tokenRequests()).hasSize(3);
    }

    @Test
    void ficPropagationIsRetriedOnlyWhenConfigured() {
        String blueprint = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        world.cloud().entra().directory().ficPropagationDelay(Duration.ofSeconds(20));
        world.cloud().tenant().blueprint(blueprint).federatedCredential("aws", world.cloud().sts()
                .issuer(), AWS_ROLE_ARN, EXCHANGE_AUDIENCE);
        world.cloud().tenant().agentIdentity(agent, blueprint);
        world.cloud().tenant().grantAppRoles(agent, GRAPH, "User.Read.All");
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", blueprint);
        env.put("BRIDGE_AGENTS", "fresh=" + agent);

        AgentTokenException atRequestTime = catchThrowableOfType(AgentTokenException.class, () -> service(env)
                .acquire(AgentTokenRequest.autonomous("fresh", Set.of(GRAPH_DEFAULT))));
        assertThat(atRequestTime.diagnosis().code()).isEqualTo("AADSTS70021");
        assertThat(waits).isEmpty();

        env.put("BRIDGE_RETRY_FIC_PROPAGATION", "true");
        env.put("BRIDGE_RETRY_BUDGET_MS", "120000");
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "8");
        AgentToken token = service(env).acquire(AgentTokenRequest.autonomous("fresh", Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("appid", agent).containsEntry("xms_par_app_azp", blueprint);
        assertThat(waits).isNotEmpty();
    }

    @Test
    void anUnavailableMetadataServerIsRetriedToo() {
        world.cloud().gcp().faults().failNext(1, Fault.status(503));

        AgentToken token = service(world.bridge().environment(CredentialSourceKind.GCP_METADATA))
                .acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID);
        assertThat(waits).hasSize(1);
        assertThat(world.cloud().gcp().requests()).hasSize(2);
    }
}
