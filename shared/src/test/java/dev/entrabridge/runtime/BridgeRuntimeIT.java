package dev.entrabridge.runtime;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.ConfigException;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.health.CheckStatus;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.HealthReportText;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.IssueRequest;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The composition root against the emulated cloud: one runtime with its health check on owns one
 * outbound HTTP client and one blueprint credential. Every request Entra sees, from a token request
 * and from a health run, went through the one client; the health check's freshly minted assertion is
 * the one the next token request presents, because both use the one credential's reuse window.
 */
class BridgeRuntimeIT {

    private static final String POLICY = "{\"rules\":[{\"name\":\"local\",\"caller\":{\"kind\":\"loopback\"},"
            + "\"agents\":[\"" + MAIL_AGENT + "\"],\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}";

    @RegisterExtension
    final EmulatedCloudExtension world = new EmulatedCloudExtension();

    private BridgeConfig config() {
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_POLICY", POLICY);
        // The FIC comparison through Graph is not part of this proof (the blueprint is not granted Graph's read).
        env.put("BRIDGE_HEALTH_GRAPH", "false");
        return BridgeConfig.fromEnvironment(env);
    }

    private static String assertionJti(RecordedRequest leg1) {
        return (String) claims(leg1.formParam("client_assertion").orElseThrow()).get("jti");
    }

    @Test
    void aRuntimeThatServesNoHttpBuildsTheContractOnlyWhenFirstAskedFor() {
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_CALLERS", "{\"trustedIssuers\":[],\"audience\":\"x\"}");
        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThatThrownBy(() -> BridgeRuntime.builder(config).auditSink(line -> { }).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_CALLERS");
        BridgeRuntime deferred = BridgeRuntime.builder(config).auditSink(line -> { }).httpContractOnFirstUse().build();
        assertThat(deferred.graph()).isNotNull();
        assertThatThrownBy(deferred::endpoint).isInstanceOf(ConfigException.class).hasMessageContaining("unknown field 'audience'");

        BridgeRuntime valid = BridgeRuntime.builder(config()).auditSink(line -> { }).httpContractOnFirstUse().build();
        assertThat(valid.endpoint()).isSameAs(valid.endpoint());
    }

    @Test
    void aTokenRequestAndAHealthRunShareOneHttpClientAndOneCredential() {
        BridgeConfig config = config();
        CountingHttpClient http = new CountingHttpClient(OutboundHttpClients.create(config.http()));
        List<String> audit = new ArrayList<>();
        BridgeRuntime runtime = BridgeRuntime.builder(config).clock(world.clock()).sleeper(world.clock()::advance)
                .httpClient(http).auditSink(audit::add).build();

        AgentToken first = runtime.issuer().issue(IssueRequest.from(Caller.loopback("127.0.0.1"))
                .agent(MAIL_AGENT).api("graph").build());
        int leg1BeforeHealth = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID).size();
        HealthReport report = runtime.health().run();
        AgentToken refreshed = runtime.tokens().acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertThat(claims(first.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID);
        assertThat(claims(refreshed.accessToken())).containsEntry("appid", MAILER_AGENT_APP_ID);
        assertThat(report.status()).as(HealthReportText.render(report)).isEqualTo(CheckStatus.PASS);
        assertThat(runtime.health()).isSameAs(runtime.health());
        // One client: every request the Entra emulator received (token legs, the clock-skew probe) came through it.
        String entra = world.cloud().entra().baseUrl().getRawAuthority();
        assertThat(world.cloud().entra().requests()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(http.sentTo(entra)).isEqualTo(world.cloud().entra().requests().size());
        // One credential: STS minted once for the first request and once for the health check's fresh assertion;
        // the forced refresh afterwards presents the health check's assertion instead of minting a third.
        assertThat(world.cloud().sts().requests()).hasSize(2);
        List<RecordedRequest> leg1 = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID);
        String requestAssertion = assertionJti(leg1.get(0));
        String healthAssertion = assertionJti(leg1.get(leg1BeforeHealth));
        assertThat(healthAssertion).isNotEqualTo(requestAssertion);
        assertThat(assertionJti(leg1.get(leg1.size() - 1))).isEqualTo(healthAssertion);
        assertThat(audit).hasSize(1).allSatisfy(line -> assertThat(line).contains("\"outcome\":\"issued\"")
                .doesNotContain(first.accessToken()));
    }

    @Test
    void resetTimeBoundStateForgetsTokensTheReusedAssertionAndTheLastReport() {
        BridgeRuntime runtime = BridgeRuntime.builder(config()).clock(world.clock()).sleeper(world.clock()::advance)
                .auditSink(line -> { }).build();
        AgentTokenRequest request = AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT));
        AgentToken cached = runtime.tokens().acquire(request);
        runtime.health().run();
        assertThat(runtime.health().lastReport()).isPresent();
        int stsBefore = world.cloud().sts().requests().size();

        runtime.resetTimeBoundState();
        AgentToken fresh = runtime.tokens().acquire(request);

        assertThat(runtime.health().lastReport()).isEmpty();
        assertThat(fresh.accessToken()).isNotEqualTo(cached.accessToken());
        assertThat(world.cloud().sts().requests()).hasSize(stsBefore + 1);
    }
}
