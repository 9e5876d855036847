package dev.entrabridge.runtime;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.health.CheckStatus;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.HealthReportText;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.IssueRequest;
import dev.entrabridge.testing.FederationWorld;
import dev.entrabridge.testing.MutableClock;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.entrabridge.testing.FederationWorld.AGENT;
import static dev.entrabridge.testing.FederationWorld.AGENT_NAME;
import static dev.entrabridge.testing.FederationWorld.GRAPH_DEFAULT;
import static dev.entrabridge.testing.FederationWorld.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composition root against the emulated cloud: one runtime with its health check on owns one
 * outbound HTTP client and one blueprint credential. Every request Entra sees, from a token request
 * and from a health run, went through the one client; the health check's freshly minted assertion is
 * the one the next token request presents, because both use the one credential's reuse window.
 */
class BridgeRuntimeIT {

    private static final String POLICY = "{\"rules\":[{\"name\":\"local\",\"caller\":{\"kind\":\"loopback\"},"
            + "\"agents\":[\"" + AGENT_NAME + "\"],\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}";

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

    private BridgeConfig config() {
        Map<String, String> env = world.env(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_POLICY", POLICY);
        // The federated world has no Graph emulator: the FIC comparison through Graph is not part of this proof.
        env.put("BRIDGE_HEALTH_GRAPH", "false");
        return BridgeConfig.fromEnvironment(env);
    }

    private static String assertionJti(RecordedRequest leg1) {
        return (String) claims(leg1.formParam("client_assertion").orElseThrow()).get("jti");
    }

    @Test
    void aTokenRequestAndAHealthRunShareOneHttpClientAndOneCredential() {
        BridgeConfig config = config();
        CountingHttpClient http = new CountingHttpClient(OutboundHttpClients.create(config.http()));
        List<String> audit = new ArrayList<>();
        BridgeRuntime runtime = BridgeRuntime.builder(config).clock(world.clock).sleeper(world.clock::advance)
                .httpClient(http).auditSink(audit::add).build();

        AgentToken first = runtime.issuer().issue(IssueRequest.from(Caller.loopback("127.0.0.1"))
                .agent(AGENT_NAME).api("graph").build());
        int leg1BeforeHealth = world.leg1Requests().size();
        HealthReport report = runtime.health().run();
        AgentToken refreshed = runtime.tokens().acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertThat(claims(first.accessToken())).containsEntry("azp", AGENT);
        assertThat(claims(refreshed.accessToken())).containsEntry("azp", AGENT);
        assertThat(report.status()).as(HealthReportText.render(report)).isEqualTo(CheckStatus.PASS);
        assertThat(runtime.health()).isSameAs(runtime.health());
        // One client: every request the Entra emulator received (token legs, the clock-skew probe) came through it.
        String entra = world.entra.baseUrl().getRawAuthority();
        assertThat(world.entra.requests()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(http.sentTo(entra)).isEqualTo(world.entra.requests().size());
        // One credential: STS minted once for the first request and once for the health check's fresh assertion;
        // the forced refresh afterwards presents the health check's assertion instead of minting a third.
        assertThat(world.sts.requests()).hasSize(2);
        List<RecordedRequest> leg1 = world.leg1Requests();
        String requestAssertion = assertionJti(leg1.get(0));
        String healthAssertion = assertionJti(leg1.get(leg1BeforeHealth));
        assertThat(healthAssertion).isNotEqualTo(requestAssertion);
        assertThat(assertionJti(leg1.get(leg1.size() - 1))).isEqualTo(healthAssertion);
        assertThat(audit).hasSize(1).allSatisfy(line -> assertThat(line).contains("\"outcome\":\"issued\"")
                .doesNotContain(first.accessToken()));
    }

    @Test
    void resetTimeBoundStateForgetsTokensTheReusedAssertionAndTheLastReport() {
        BridgeRuntime runtime = BridgeRuntime.builder(config()).clock(world.clock).sleeper(world.clock::advance)
                .auditSink(line -> { }).build();
        AgentTokenRequest request = AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT));
        AgentToken cached = runtime.tokens().acquire(request);
        runtime.health().run();
        assertThat(runtime.health().lastReport()).isPresent();
        int stsBefore = world.sts.requests().size();

        runtime.resetTimeBoundState();
        AgentToken fresh = runtime.tokens().acquire(request);

        assertThat(runtime.health().lastReport()).isEmpty();
        assertThat(fresh.accessToken()).isNotEqualTo(cached.accessToken());
        assertThat(world.sts.requests()).hasSize(stsBefore + 1);
    }
}
