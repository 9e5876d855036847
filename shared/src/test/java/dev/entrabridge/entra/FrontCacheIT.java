package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.testing.FederationWorld;
import dev.entrabridge.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.entrabridge.testing.FederationWorld.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The front cache against the Entra emulator: single-flight, warm hits, proactive refresh. */
class FrontCacheIT {

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

    @Test
    void twoHundredThreadsOnAColdCacheMakeOneT1AndOneT2() throws Exception {
        AgentTokenService service = world.service(CredentialSourceKind.AWS_STS);
        world.entra.faults().latency(Duration.ofMillis(100)); // keep the flight open while all threads arrive
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<Future<AgentToken>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));
                }));
            }
            go.countDown();
            String first = results.get(0).get().accessToken();
            for (Future<AgentToken> f : results) {
                assertThat(f.get().accessToken()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(world.leg1Requests()).hasSize(1);
        assertThat(world.agentRequests()).hasSize(1);
        assertThat(world.entra.tokenRequests()).hasSize(2);
        assertThat(world.sts.requests()).hasSize(1);
    }

    @Test
    void aWarmCacheMakesNoRequestAtAll() {
        AgentTokenService service = world.service(CredentialSourceKind.AWS_STS);
        AgentToken first = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));
        int entra = world.entra.requests().size();
        int sts = world.sts.requests().size();

        for (int i = 0; i < 1000; i++) {
            assertThat(service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT))))
                    .isSameAs(first);
        }

        assertThat(world.entra.requests()).hasSize(entra);
        assertThat(world.sts.requests()).hasSize(sts);
    }

    @Test
    void refreshesAtRefreshInBeforeTheTokenExpires() {
        world.entra.tokenLifetime(Duration.ofMinutes(60)).refreshIn(Duration.ofMinutes(30));
        MutableClock bridgeClock = new MutableClock(world.clock.instant());
        AgentTokenService service = FederationWorld.service(world.config(CredentialSourceKind.AWS_STS), bridgeClock);
        AgentToken first = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));
        assertThat(first.refreshOn()).isBetween(first.expiresOn().minus(Duration.ofMinutes(31)),
                first.expiresOn().minus(Duration.ofMinutes(29)));

        bridgeClock.advance(Duration.ofMinutes(29));
        assertThat(service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)))).isSameAs(first);
        assertThat(world.agentRequests()).hasSize(1);

        bridgeClock.advance(Duration.ofMinutes(2));
        world.clock.advance(Duration.ofMinutes(31));
        AgentToken refreshed = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        assertThat(bridgeClock.instant()).isBefore(first.expiresOn());
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        // Entra's clock moved 31 minutes too: the new token's own exp is that much later.
        assertThat(((java.util.Date) claims(refreshed.accessToken()).get("exp")).toInstant())
                .isAfter(((java.util.Date) claims(first.accessToken()).get("exp")).toInstant().plus(Duration.ofMinutes(30)));
        assertThat(world.agentRequests()).hasSize(2);
    }

    @Test
    void resetTimeBoundStateDropsEveryCachedTokenAndAssertion() {
        AgentTokenService service = world.service(CredentialSourceKind.AWS_STS);
        AgentToken before = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        service.resetTimeBoundState();
        AgentToken after = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));

        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
        assertThat(world.sts.requests()).hasSize(2);
        assertThat(world.leg1Requests()).hasSize(2);
        assertThat(world.agentRequests()).hasSize(2);
    }
}
