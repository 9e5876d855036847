package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.token.Diagnosis.Category;
import dev.entrabridge.testing.FederationWorld;
import dev.entrabridge.testing.MutableClock;
import dev.entrabridge.testing.Runtimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.entrabridge.testing.FederationWorld.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Transient failures are retried within the budget; FIC propagation only when configured. */
class RetriesIT {

    @TempDir
    Path dir;
    private FederationWorld world;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        world = new FederationWorld(dir, MutableClock.startingNow());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** A service whose waits are recorded and advance the shared clock (so the emulators see time pass). */
    private AgentTokenService service(Map<String, String> env) {
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        return Runtimes.onClock(config, world.clock, d -> {
            waits.add(d);
            world.clock.advance(d);
        }).tokens();
    }

    @Test
    void throttlingIsRetriedAfterRetryAfter() {
        world.entra.faults().failNext(1, Fault.throttle(Duration.ofSeconds(2)));

        AgentToken token = service(world.env(CredentialSourceKind.CLIENT_SECRET))
                .acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("azp", AGENT);
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(world.leg1Requests()).hasSize(2);
    }

    @Test
    void unavailabilityAndDroppedConnectionsAreRetriedWithBackoff() {
        world.entra.faults().failNext(1, Fault.status(503)).failNext(1, Fault.closeConnection());

        AgentToken token = service(world.env(CredentialSourceKind.CLIENT_SECRET))
                .acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("azp", AGENT);
        assertThat(waits).hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(400)));
    }

    @Test
    void persistentUnavailabilityEndsWithATransientDiagnosisInsideTheBudget() {
        world.entra.faults().failNext(10, Fault.unavailable(Duration.ofSeconds(1)));
        Map<String, String> env = world.env(CredentialSourceKind.CLIENT_SECRET);
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "3");

        AgentTokenException e = catchThrowableOfType(AgentTokenException.class, () -> service(env)
                .acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT))));

        assertThat(e.diagnosis().category()).isEqualTo(Category.TRANSIENT);
        assertThat(e.diagnosis().code()).isEqualTo("ENTRA_HTTP_503");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(world.entra.tokenRequests()).hasSize(3);
    }

    @Test
    void ficPropagationIsRetriedOnlyWhenConfigured() {
        String blueprint = newId();
        String agent = newId();
        world.entra.directory().ficPropagationDelay(Duration.ofSeconds(20));
        world.tenant.blueprint(blueprint).federatedCredential("aws", world.sts.issuer(), ROLE_ARN, EXCHANGE);
        world.tenant.agentIdentity(agent, blueprint);
        world.tenant.grantAppRoles(agent, GRAPH, "User.Read.All");
        Map<String, String> env = world.env(CredentialSourceKind.AWS_STS);
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

        assertThat(claims(token.accessToken())).containsEntry("azp", agent).containsEntry("xms_par_app_azp", blueprint);
        assertThat(waits).isNotEmpty();
    }

    @Test
    void anUnavailableMetadataServerIsRetriedToo() {
        world.gcp.faults().failNext(1, Fault.status(503));

        AgentToken token = service(world.env(CredentialSourceKind.GCP_METADATA))
                .acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        assertThat(claims(token.accessToken())).containsEntry("azp", AGENT);
        assertThat(waits).hasSize(1);
        assertThat(world.gcp.requests()).hasSize(2);
    }
}
