package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** The AADSTS700024 bug every peer has had: an assertion captured once, presented after it expired. */
class StaleAssertionIT {

    @RegisterExtension
    final EmulatedCloudExtension world = new EmulatedCloudExtension();

    private static String jti(RecordedRequest leg1) {
        return (String) claims(leg1.formParam("client_assertion").orElseThrow()).get("jti");
    }

    @Test
    void anStsTokenThatExpiredBetweenTwoExchangesIsReplacedByANewOne() {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);
        service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        world.clock().advance(Duration.ofMinutes(11)); // the 300 s STS token is expired, even with Entra's 5 min skew
        AgentToken second = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertThat(claims(second.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID);
        assertThat(world.cloud().sts().requests()).hasSize(2);
        List<RecordedRequest> leg1 = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID);
        assertThat(leg1).hasSize(2);
        assertThat(jti(leg1.get(1))).isNotEqualTo(jti(leg1.get(0)));
        assertThat(world.cloud().entra().tokenRequests()).allSatisfy(r -> assertThat(r.formParam("client_id"))
                .isPresent());
    }

    @Test
    void whenEntraSaysTheAssertionIsStaleTheBridgeReMintsAndRetriesOnce() {
        // The bridge's clock lags Entra's and STS's by ten minutes: it believes its STS token is
        // still fresh enough to reuse, Entra finds it expired beyond its skew (AADSTS700024).
        MutableClock bridgeClock = new MutableClock(world.clock().instant());
        AgentTokenService service = world.bridge().tokenService(world.bridge()
                .config(CredentialSourceKind.AWS_STS), bridgeClock);
        service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
        bridgeClock.advance(Duration.ofSeconds(60));
        world.clock().advance(Duration.ofMinutes(11));

        AgentToken token = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertThat(claims(token.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID);
        List<RecordedRequest> leg1 = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID);
        assertThat(leg1).hasSize(3);
        assertThat(jti(leg1.get(1))).isEqualTo(jti(leg1.get(0))); // the reused, now stale, assertion
        assertThat(jti(leg1.get(2))).isNotEqualTo(jti(leg1.get(0))); // re-minted after AADSTS700024
        assertThat(world.cloud().sts().requests()).hasSize(2);
    }
}
