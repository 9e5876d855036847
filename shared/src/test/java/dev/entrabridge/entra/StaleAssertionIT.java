package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;

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

import static dev.entrabridge.testing.FederationWorld.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The AADSTS700024 bug every peer has had: an assertion captured once, presented after it expired. */
class StaleAssertionIT {

    @TempDir
    Path dir;
    private FederationWorld world;

    @BeforeEach
    void start() {
        world = new FederationWorld(dir, MutableClock.startingNow());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static String jti(RecordedRequest leg1) {
        return (String) claims(leg1.formParam("client_assertion").orElseThrow()).get("jti");
    }

    @Test
    void anStsTokenThatExpiredBetweenTwoExchangesIsReplacedByANewOne() {
        AgentTokenService service = world.service(CredentialSourceKind.AWS_STS);
        service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        world.clock.advance(Duration.ofMinutes(11)); // the 300 s STS token is expired, even with Entra's 5 min skew
        AgentToken second = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertThat(claims(second.accessToken())).containsEntry("azp", AGENT);
        assertThat(world.sts.requests()).hasSize(2);
        List<RecordedRequest> leg1 = world.leg1Requests();
        assertThat(leg1).hasSize(2);
        assertThat(jti(leg1.get(1))).isNotEqualTo(jti(leg1.get(0)));
        assertThat(world.entra.tokenRequests()).allSatisfy(r -> assertThat(r.formParam("client_id")).isPresent());
    }

    @Test
    void whenEntraSaysTheAssertionIsStaleTheBridgeReMintsAndRetriesOnce() {
        // The bridge's clock lags Entra's and STS's by ten minutes: it believes its STS token is
        // still fresh enough to reuse, Entra finds it expired beyond its skew (AADSTS700024).
        MutableClock bridgeClock = new MutableClock(world.clock.instant());
        AgentTokenService service = FederationWorld.service(world.config(CredentialSourceKind.AWS_STS), bridgeClock);
        service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));
        bridgeClock.advance(Duration.ofSeconds(60));
        world.clock.advance(Duration.ofMinutes(11));

        AgentToken token = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertThat(claims(token.accessToken())).containsEntry("azp", AGENT).containsEntry("xms_par_app_azp", BLUEPRINT);
        List<RecordedRequest> leg1 = world.leg1Requests();
        assertThat(leg1).hasSize(3);
        assertThat(jti(leg1.get(1))).isEqualTo(jti(leg1.get(0))); // the reused, now stale, assertion
        assertThat(jti(leg1.get(2))).isNotEqualTo(jti(leg1.get(0))); // re-minted after AADSTS700024
        assertThat(world.sts.requests()).hasSize(2);
    }
}
