package dev.entrabridge.entra;
import com.microsoft.aad.msal4j.ConfiguredManagedIdentityEnvironment;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Flow;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.credential.AssertionClaims;
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
import java.util.Map;
import java.util.Set;

import static dev.entrabridge.testing.FederationWorld.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Every credential source end to end through the real AWS SDK and MSAL4J: source → FIC → T1 → T2. */
class CredentialSourcesIT {

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

    private AgentToken graphToken(CredentialSourceKind kind) {
        return world.service(kind).acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));
    }

    private static void assertAgentTokenForGraph(AgentToken token) {
        assertThat(token.agentIdentity()).isEqualTo(AGENT);
        assertThat(token.agentName()).isEqualTo(AGENT_NAME);
        assertThat(token.flow()).isEqualTo(Flow.AUTONOMOUS);
        assertThat(claims(token.accessToken()))
                .containsEntry("azp", AGENT)
                .containsEntry("xms_par_app_azp", BLUEPRINT)
                .containsEntry("aud", List.of(GRAPH))
                .containsEntry("tid", TENANT);
        assertThat(token.refreshOn()).isBefore(token.expiresOn());
    }

    /** The chain on the wire: leg 1 by the blueprint with fmi_path, then leg 2 by the agent with T1. */
    private void assertChain(String expectedAssertionIssuer, String expectedSubject) {
        List<RecordedRequest> requests = world.entra.tokenRequests();
        assertThat(requests).hasSize(2);
        RecordedRequest t1 = requests.get(0);
        assertThat(t1.path()).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
        assertThat(t1.formParam("client_id")).contains(BLUEPRINT);
        assertThat(t1.formParam("grant_type")).contains("client_credentials");
        assertThat(t1.formParam("fmi_path")).contains(AGENT);
        assertThat(t1.formParam("scope").orElseThrow()).contains(EXCHANGE + "/.default");
        if (expectedAssertionIssuer != null) {
            Map<String, Object> assertion = claims(t1.formParam("client_assertion").orElseThrow());
            assertThat(assertion).containsEntry("iss", expectedAssertionIssuer).containsEntry("sub", expectedSubject);
            assertThat(assertion.get("aud")).isIn(EXCHANGE, List.of(EXCHANGE));
        }
        RecordedRequest t2 = requests.get(1);
        assertThat(t2.formParam("client_id")).contains(AGENT);
        assertThat(t2.formParam("grant_type")).contains("client_credentials");
        // T1 is opaque to the bridge; Entra's fmi subject ends with the agent identity (fmi_path).
        Map<String, Object> t1Claims = claims(t2.formParam("client_assertion").orElseThrow());
        assertThat((String) t1Claims.get("sub")).startsWith("/eid1/c/pub/t/").endsWith("/" + AGENT);
        assertThat(t1Claims).containsEntry("azp", BLUEPRINT);
    }

    @Test
    void awsStsWebIdentityToken() {
        AgentToken token = graphToken(CredentialSourceKind.AWS_STS);

        assertAgentTokenForGraph(token);
        assertChain(world.sts.issuer(), ROLE_ARN);
        assertThat(world.sts.requests()).hasSize(1);
        RecordedRequest sts = world.sts.requests().get(0);
        assertThat(sts.formParam("Action")).contains("GetWebIdentityToken");
        assertThat(sts.formParam("Audience.member.1")).contains(EXCHANGE);
        assertThat(sts.formParam("SigningAlgorithm")).contains("RS256");
        assertThat(sts.formParam("DurationSeconds")).contains("300");
        assertThat(sts.header("authorization").orElseThrow()).contains("us-east-1/sts/aws4_request");
    }

    @Test
    void gcpMetadataIdToken() {
        AgentToken token = graphToken(CredentialSourceKind.GCP_METADATA);

        assertAgentTokenForGraph(token);
        assertChain(world.gcp.issuer(), world.gcp.serviceAccountUniqueId());
        RecordedRequest metadata = world.gcp.requests().get(0);
        assertThat(metadata.header("metadata-flavor")).contains("Google");
        assertThat(metadata.queryParam("audience")).contains(EXCHANGE);
        assertThat(metadata.queryParam("format")).contains("full");
    }

    @Test
    void azureManagedIdentityThroughMsal() {
        // In production MSAL reads IDENTITY_ENDPOINT/IDENTITY_HEADER from the process; here they point at the emulator.
        ConfiguredManagedIdentityEnvironment.use(world.env(CredentialSourceKind.MANAGED_IDENTITY));
        AgentToken token;
        try {
            token = graphToken(CredentialSourceKind.MANAGED_IDENTITY);
        } finally {
            ConfiguredManagedIdentityEnvironment.reset();
        }

        assertAgentTokenForGraph(token);
        assertChain(world.entra.issuer(TENANT), UAMI.principalId());
        RecordedRequest mi = world.managedIdentity.requests().get(0);
        assertThat(mi.queryParam("resource")).contains(EXCHANGE);
        assertThat(mi.queryParam("client_id")).contains(UAMI.clientId());
        assertThat(mi.header("x-identity-header")).contains(world.managedIdentity.identityHeader());
    }

    @Test
    void tokenFileRotatedMidTestIsPickedUp() {
        AgentTokenService service = world.service(CredentialSourceKind.TOKEN_FILE);
        AgentToken first = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT)));
        assertAgentTokenForGraph(first);
        assertChain(world.kubernetes.issuer(), K8S_SUBJECT);
        String firstAssertion = world.leg1Requests().get(0).formParam("client_assertion").orElseThrow();

        String rotated = world.writeKubernetesToken(Duration.ofHours(1));
        AgentToken second = service.acquire(AgentTokenRequest.autonomous(AGENT_NAME, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertAgentTokenForGraph(second);
        List<RecordedRequest> leg1 = world.leg1Requests();
        assertThat(leg1).hasSize(2);
        assertThat(leg1.get(1).formParam("client_assertion")).contains(rotated);
        assertThat(rotated).isNotEqualTo(firstAssertion);
    }

    @Test
    void clientSecretForDevelopment() {
        AgentToken token = graphToken(CredentialSourceKind.CLIENT_SECRET);

        assertAgentTokenForGraph(token);
        assertChain(null, null);
        assertThat(world.leg1Requests().get(0).formParam("client_secret")).contains(SECRET);
    }

    @Test
    void certificateForDevelopment() {
        AgentToken token = graphToken(CredentialSourceKind.CERTIFICATE);

        assertAgentTokenForGraph(token);
        assertChain(null, null);
        Map<String, Object> assertion = claims(world.leg1Requests().get(0).formParam("client_assertion").orElseThrow());
        assertThat(assertion).containsEntry("iss", BLUEPRINT).containsEntry("sub", BLUEPRINT);
    }

    @Test
    void theHealthCheckCanReadTheAssertionClaimsAndTimeBothLegs() {
        AgentTokenService service = world.service(CredentialSourceKind.AWS_STS);

        AssertionClaims claims = service.probeAssertion().orElseThrow();
        LegProbe probe = service.probeLegs(AGENT_NAME, Set.of(GRAPH_DEFAULT));
        LegProbe again = service.probeLegs(AGENT, Set.of(GRAPH_DEFAULT));

        assertThat(claims.issuer()).isEqualTo(world.sts.issuer());
        assertThat(claims.subject()).isEqualTo(ROLE_ARN);
        assertThat(claims.audience()).containsExactly(EXCHANGE);
        assertThat(claims.expiresAt()).isAfter(world.clock.instant());
        assertThat(probe.agentIdentity()).isEqualTo(AGENT);
        assertThat(probe.leg1Latency()).isPositive();
        assertThat(probe.leg2Latency()).isPositive();
        assertThat(again.agentName()).isEqualTo(AGENT_NAME);
        // Both probes bypass every cache: two T1 and two T2 requests.
        assertThat(world.leg1Requests()).hasSize(2);
        assertThat(world.agentRequests()).hasSize(2);
        assertThat(world.service(CredentialSourceKind.CLIENT_SECRET).probeAssertion()).isEmpty();
    }

    @Test
    void theLogHygieneCheckSeesMsalAndAwsSdkLogsToo() {
        graphToken(CredentialSourceKind.AWS_STS);

        List<String> lines = dev.entrabridge.testing.LogHygieneExtension.capturedLines();
        assertThat(lines).anyMatch(l -> l.contains("event=token_issued") && l.contains("source=entra"));
        assertThat(lines).anyMatch(l -> l.contains(" com.microsoft.aad.msal4j."));
        assertThat(lines).anyMatch(l -> l.contains(" software.amazon.awssdk."));
    }
}
