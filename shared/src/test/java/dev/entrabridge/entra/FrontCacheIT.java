package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** The front cache against the Entra emulator: single-flight, warm hits, proactive refresh. */
class FrontCacheIT {

    @RegisterExtension
    final EmulatedCloudExtension world = new EmulatedCloudExtension();

    @Test
    void twoHundredThreadsOnAColdCacheMakeOneT1AndOneT2() throws Exception {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);
        world.cloud().entra().faults().latency(Duration.ofMillis(100)); // keep the flight open while all threads arrive
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        List<Future<AgentToken>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
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

        assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID)).hasSize(1);
        assertThat(world.bridge().tokenRequestsBy(MAILER_AGENT_APP_ID)).hasSize(1);
        assertThat(world.cloud().entra().tokenRequests()).hasSize(2);
        assertThat(world.cloud().sts().requests()).hasSize(1);
    }

    @Test
    void aWarmCacheMakesNoRequestAtAll() {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);
        AgentToken first = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
        int entra = world.cloud().entra().requests().size();
        int sts = world.cloud().sts().requests().size();

        for (int i = 0; i < 1000; i++) {
            assertThat(service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT))))
                    .isSameAs(first);
        }

        assertThat(world.cloud().entra().requests()).hasSize(entra);
        assertThat(world.cloud().sts().requests()).hasSize(sts);
    }

    @Test
    void refreshesAtRefreshInBeforeTheTokenExpires() {
        world.cloud().entra().tokenLifetime(Duration.ofMinutes(60)).refreshIn(Duration.ofMinutes(30));
        MutableClock bridgeClock = new MutableClock(world.clock().instant());
        AgentTokenService service = world.bridge().tokenService(world.bridge()
                .config(CredentialSourceKind.AWS_STS), bridgeClock);
        AgentToken first = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
        assertThat(first.refreshOn()).isBetween(first.expiresOn().minus(Duration.ofMinutes(31)),
                first.expiresOn().minus(Duration.ofMinutes(29)));

        bridgeClock.advance(Duration.ofMinutes(29));
        assertThat(service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)))).isSameAs(first);
        assertThat(world.bridge().tokenRequestsBy(MAILER_AGENT_APP_ID)).hasSize(1);

        bridgeClock.advance(Duration.ofMinutes(2));
        world.clock().advance(Duration.ofMinutes(31));
        AgentToken refreshed = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(bridgeClock.instant()).isBefore(first.expiresOn());
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        // Entra's clock moved 31 minutes too: the new token's own exp is that much later.
        assertThat(((java.util.Date) claims(refreshed.accessToken()).get("exp")).toInstant())
                .isAfter(((java.util.Date) claims(first.accessToken()).get("exp")).toInstant()
                .plus(Duration.ofMinutes(30)));
        assertThat(world.bridge().tokenRequestsBy(MAILER_AGENT_APP_ID)).hasSize(2);
    }

    @Test
    void resetTimeBoundStateDropsEveryCachedTokenAndAssertion() {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);
        AgentToken before = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        service.resetTimeBoundState();
        AgentToken after = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
        assertThat(world.cloud().sts().requests()).hasSize(2);
        assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID)).hasSize(2);
        assertThat(world.bridge().tokenRequestsBy(MAILER_AGENT_APP_ID)).hasSize(2);
    }
}
