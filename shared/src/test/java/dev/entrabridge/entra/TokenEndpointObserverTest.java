package dev.entrabridge.entra;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointObserverTest {

    @Test
    void retryAfterAsAnHttpDateBecomesADelay() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T04:00:00Z"), ZoneOffset.UTC);
        HttpOutcome o = TokenEndpointObserver.outcome(1, 503, "", "Thu, 26 Nov 2026 04:00:30 GMT", Duration.ZERO, clock);

        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.failed()).isTrue();
    }

    @Test
    void eachAnswerIsTracedWithItsLegAndNoBody() {
        TokenEndpointObserver observer = new TokenEndpointObserver("bp-app", Clock.systemUTC());
        ExchangeTrace.begin();
        try {
            observer.answered("client_id=bp-app&grant_type=client_credentials", 400,
                    "{\"error\":\"invalid_client\",\"error_codes\":[70021],\"correlation_id\":\"c-1\"}", Optional.empty(),
                    Duration.ofMillis(3));
            observer.answered("client_id=agent&grant_type=user_fic", 200, "{\"access_token\":\"eyJ.x.y\"}", Optional.empty(),
                    Duration.ofMillis(3));
            observer.failed("client_id=agent&grant_type=client_credentials", new java.net.http.HttpTimeoutException("t"),
                    Duration.ofMillis(3));

            assertThat(ExchangeTrace.outcomes()).extracting(HttpOutcome::leg).containsExactly(1, 3, 2);
            assertThat(ExchangeTrace.outcomes().get(0).errorCodes()).containsExactly(70021L);
            assertThat(ExchangeTrace.outcomes().get(0).correlationId()).isEqualTo("c-1");
            assertThat(ExchangeTrace.outcomes().get(1).toString()).doesNotContain("eyJ");
            assertThat(ExchangeTrace.outcomes().get(2).status()).isZero();
        } finally {
            ExchangeTrace.end();
        }
    }
}
