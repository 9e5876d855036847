package dev.entrabridge.cache;

import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.AgentUser;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Flow;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontTokenCacheTest {

    private static final Set<String> GRAPH = Set.of("https://graph.microsoft.com/.default");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));
    private final AtomicInteger loads = new AtomicInteger();

    private TokenCacheKey key(String agent) {
        return TokenCacheKey.of("t", "b", agent, AgentTokenRequest.autonomous(agent, GRAPH));
    }

    private AgentToken token(String value) {
        Instant now = clock.instant();
        return new AgentToken(value, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(30)), GRAPH,
                Flow.AUTONOMOUS, "agent", "agent-id");
    }

    private TokenLoader counting(String value) {
        return replacing -> token(value + "-" + loads.incrementAndGet());
    }

    @Test
    void aHitNeverCallsTheLoader() {
        FrontTokenCache cache = new FrontTokenCache(10, clock);
        AgentToken first = cache.get(key("a"), counting("v"));

        AgentToken again = cache.get(key("a"), replacing -> {
            throw new AssertionError("a hit must not load");
        });

        assertThat(again).isSameAs(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void twoHundredConcurrentMissesMakeOneLoad() throws Exception {
        FrontTokenCache cache = new FrontTokenCache(10, clock);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TokenLoader slow = replacing -> {
            loads.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return token("shared");
        };
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<AgentToken>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(key("a"), slow);
                }));
            }
            start.countDown();
            Thread.sleep(100);
            release.countDown();
            for (Future<AgentToken> f : results) {
                assertThat(f.get().accessToken()).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void refreshesAfterTheRefreshTimeAndBeforeExpiry() {
        FrontTokenCache cache = new FrontTokenCache(10, clock);
        List<Boolean> replacing = new ArrayList<>();
        TokenLoader loader = r -> {
            replacing.add(r);
            return token("v" + loads.incrementAndGet());
        };
        cache.get(key("a"), loader);

        clock.advance(Duration.ofMinutes(29));
        assertThat(cache.get(key("a"), loader).accessToken()).isEqualTo("v1");
        clock.advance(Duration.ofMinutes(2));
        AgentToken refreshed = cache.get(key("a"), loader);

        assertThat(refreshed.accessToken()).isEqualTo("v2");
        assertThat(refreshed.expiresOn()).isAfter(clock.instant());
        assertThat(replacing).containsExactly(false, true);
    }

    @Test
    void aTransientRefreshFailureKeepsServingTheValidToken() {
        FrontTokenCache cache = new FrontTokenCache(10, clock);
        AgentToken first = cache.get(key("a"), counting("v"));
        clock.advance(Duration.ofMinutes(31));

        AgentToken served = cache.get(key("a"), r -> {
            throw new AgentTokenException(new Diagnosis(Diagnosis.Category.TRANSIENT, "ENTRA_HTTP_503", "c", "r"));
        });

        assertThat(served).isSameAs(first);
        clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> cache.get(key("a"), r -> {
            throw new AgentTokenException(new Diagnosis(Diagnosis.Category.TRANSIENT, "ENTRA_HTTP_503", "c", "r"));
        })).isInstanceOf(AgentTokenException.class);
    }

    @Test
    void aFailedLoadReachesEveryWaiterAndIsNotCached() {
        FrontTokenCache cache = new FrontTokenCache(10, clock);
        assertThatThrownBy(() -> cache.get(key("a"), r -> {
            throw new AgentTokenException(new Diagnosis(Diagnosis.Category.CONFIGURATION, "AADSTS70021", "c", "r"));
        })).isInstanceOf(AgentTokenException.class);

        assertThat(cache.size()).isZero();
        assertThat(cache.get(key("a"), counting("v")).accessToken()).isEqualTo("v-1");
    }

    @Test
    void sizeIsBoundedEvictingTheSoonestToExpire() {
        FrontTokenCache cache = new FrontTokenCache(2, clock);
        cache.get(key("a"), counting("v"));
        clock.advance(Duration.ofMinutes(1));
        cache.get(key("b"), counting("v"));
        clock.advance(Duration.ofMinutes(1));
        cache.get(key("c"), counting("v"));

        assertThat(cache.size()).isEqualTo(2);
        cache.get(key("b"), counting("v"));
        cache.get(key("c"), counting("v"));
        assertThat(loads).hasValue(3);
        cache.get(key("a"), counting("v"));
        assertThat(loads).hasValue(4);
    }

    @Test
    void keysSeparateUsersAndNeverHoldTheUserAssertion() {
        String userToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
        TokenCacheKey obo = TokenCacheKey.of("T", "B", "A", AgentTokenRequest.onBehalfOf("a", GRAPH, userToken));
        TokenCacheKey other = TokenCacheKey.of("T", "B", "A", AgentTokenRequest.onBehalfOf("a", GRAPH, userToken + "x"));
        TokenCacheKey agentUser = TokenCacheKey.of("T", "B", "A",
                AgentTokenRequest.agentUser("a", GRAPH, AgentUser.byUsername("Agent@Contoso.com")));

        assertThat(obo).isNotEqualTo(other);
        assertThat(obo.toString()).doesNotContain(userToken).contains("obo:");
        assertThat(obo.user()).hasSize(4 + 64);
        assertThat(agentUser.user()).isEqualTo("upn:agent@contoso.com");
        assertThat(obo.tenant()).isEqualTo("t");
        assertThat(TokenCacheKey.of("t", "b", "a", AgentTokenRequest.autonomous("a", Set.of("s2", "s1"))).scopes())
                .isEqualTo("s1 s2");
    }
}
