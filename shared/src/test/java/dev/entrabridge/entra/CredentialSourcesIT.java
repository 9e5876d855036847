package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Flow;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.credential.AssertionClaims;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** Every credential source end to end through the real AWS SDK and MSAL4J: source → FIC → T1 → T2. */
class CredentialSourcesIT {

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(EmulatedCloud.Builder::developmentCredentials);

    private AgentToken graphToken(CredentialSourceKind kind) {
        return world.bridge().tokenService(kind)
                .acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
    }

    private static void assertAgentTokenForGraph(AgentToken token) {
        assertThat(token.agentIdentity()).isEqualTo(MAILER_AGENT_APP_ID);
        assertThat(token.agentName()).isEqualTo(MAIL_AGENT);
        assertThat(token.flow()).isEqualTo(Flow.AUTONOMOUS);
        assertThat(claims(token.accessToken()))
                .containsEntry("appid", MAILER_AGENT_APP_ID)
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID)
                .containsEntry("aud", List.of(GRAPH))
                .containsEntry("tid", TENANT_ID);
        assertThat(token.refreshOn()).isBefore(token.expiresOn());
    }

    /** The chain on the wire: leg 1 by the blueprint with fmi_path, then leg 2 by the agent with T1. */
    private void assertChain(String expectedAssertionIssuer, String expectedSubject) {
        List<RecordedRequest> requests = world.cloud().entra().tokenRequests();
        assertThat(requests).hasSize(2);
        RecordedRequest t1 = requests.get(0);
        assertThat(t1.path()).isEqualTo("/" + TENANT_ID + "/oauth2/v2.0/token");
        assertThat(t1.formParam("client_id")).contains(BLUEPRINT_APP_ID);
        assertThat(t1.formParam("grant_type")).contains("client_credentials");
        assertThat(t1.formParam("fmi_path")).contains(MAILER_AGENT_APP_ID);
        assertThat(t1.formParam("scope").orElseThrow()).contains(EXCHANGE_AUDIENCE + "/.default");
        if (expectedAssertionIssuer != null) {
            Map<String, Object> assertion = claims(t1.formParam("client_assertion").orElseThrow());
            assertThat(assertion).containsEntry("iss", expectedAssertionIssuer).containsEntry("sub", expectedSubject);
            assertThat(assertion.get("aud")).isIn(EXCHANGE_AUDIENCE, List.of(EXCHANGE_AUDIENCE));
        }
        RecordedRequest t2 = requests.get(1);
        assertThat(t2.formParam("client_id")).contains(MAILER_AGENT_APP_ID);
        assertThat(t2.formParam("grant_type")).contains("client_credentials");
        // T1 is opaque to the bridge; Entra's fmi subject ends with the agent identity (fmi_path).
        Map<String, Object> t1Claims = claims(t2.formParam("client_assertion").orElseThrow());
        assertThat((String) t1Claims.get("sub")).startsWith("/eid1/c/pub/t/").endsWith("/" + MAILER_AGENT_APP_ID);
        assertThat(t1Claims).containsEntry("azp", BLUEPRINT_APP_ID);
    }

    @Test
    void awsStsWebIdentityToken() {
        AgentToken token = graphToken(CredentialSourceKind.AWS_STS);

        assertAgentTokenForGraph(token);
        assertChain(world.cloud().sts().issuer(), AWS_ROLE_ARN);
        assertThat(world.cloud().sts().requests()).hasSize(1);
        RecordedRequest sts = world.cloud().sts().requests().get(0);
        assertThat(sts.formParam("Action")).contains("GetWebIdentityToken");
        assertThat(sts.formParam("Audience.member.1")).contains(EXCHANGE_AUDIENCE);
        assertThat(sts.formParam("SigningAlgorithm")).contains("RS256");
        assertThat(sts.formParam("DurationSeconds")).contains("300");
        assertThat(sts.header("authorization").orElseThrow()).contains("us-east-1/sts/aws4_request");
    }

    @Test
    void gcpMetadataIdToken() {
        AgentToken token = graphToken(CredentialSourceKind.GCP_METADATA);

        assertAgentTokenForGraph(token);
        assertChain(world.cloud().gcp().issuer(), world.cloud().gcp().serviceAccountUniqueId());
        RecordedRequest metadata = world.cloud().gcp().requests().get(0);
        assertThat(metadata.header("metadata-flavor")).contains("Google");
        assertThat(metadata.queryParam("audience")).contains(EXCHANGE_AUDIENCE);
        assertThat(metadata.queryParam("format")).contains("full");
    }

    @Test
    void azureManagedIdentityThroughMsal() {
        // In production MSAL reads IDENTITY_ENDPOINT/IDENTITY_HEADER from the process; the kit's managed-identity
        // environment hands MSAL the emulator's instead (and the extension resets that after the test).
        AgentToken token = graphToken(CredentialSourceKind.MANAGED_IDENTITY);

        assertAgentTokenForGraph(token);
        assertChain(world.cloud().entra().issuer(TENANT_ID), MI_PRINCIPAL_ID);
        RecordedRequest mi = world.cloud().managedIdentity().requests().get(0);
        assertThat(mi.queryParam("resource")).contains(EXCHANGE_AUDIENCE);
        assertThat(mi.queryParam("client_id")).contains(MI_CLIENT_ID);
        assertThat(mi.header("x-identity-header")).contains(world.cloud().managedIdentity().identityHeader());
    }

    @Test
    void tokenFileRotatedMidTestIsPickedUp() {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.TOKEN_FILE);
        AgentToken first = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
        assertAgentTokenForGraph(first);
        assertChain(world.cloud().cluster().issuer(), K8S_SUBJECT);
        String firstAssertion = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID).get(0).formParam("client_assertion")
                .orElseThrow();

        String rotated = world.bridge().writeKubernetesToken(Duration.ofHours(1));
        AgentToken second = service.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT))
                .withForceRefresh(true));

        assertAgentTokenForGraph(second);
        List<RecordedRequest> leg1 = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID);
        assertThat(leg1).hasSize(2);
        assertThat(leg1.get(1).formParam("client_assertion")).contains(rotated);
        assertThat(rotated).isNotEqualTo(firstAssertion);
    }

    @Test
    void clientSecretForDevelopment() {
        AgentToken token = graphToken(CredentialSourceKind.CLIENT_SECRET);

        assertAgentTokenForGraph(token);
        assertChain(null, null);
        assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID).get(0).formParam("client_secret"))
                .contains(BLUEPRINT_SECRET);
    }

    @Test
    void certificateForDevelopment() {
        AgentToken token = graphToken(CredentialSourceKind.CERTIFICATE);

        assertAgentTokenForGraph(token);
        assertChain(null, null);
        Map<String, Object> assertion = claims(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID).get(0)
                .formParam("client_assertion").orElseThrow());
        assertThat(assertion).containsEntry("iss", BLUEPRINT_APP_ID).containsEntry("sub", BLUEPRINT_APP_ID);
    }

    @Test
    void theHealthCheckCanReadTheAssertionClaimsAndTimeBothLegs() {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);

        AssertionClaims claims = service.probeAssertion().orElseThrow();
        LegProbe probe = service.probeLegs(MAIL_AGENT, Set.of(GRAPH_DEFAULT));
        LegProbe again = service.probeLegs(MAILER_AGENT_APP_ID, Set.of(GRAPH_DEFAULT));

        assertThat(claims.issuer()).isEqualTo(world.cloud().sts().issuer());
        assertThat(claims.subject()).isEqualTo(AWS_ROLE_ARN);
        assertThat(claims.audience()).containsExactly(EXCHANGE_AUDIENCE);
        assertThat(claims.expiresAt()).isAfter(world.clock().instant());
        assertThat(probe.agentIdentity()).isEqualTo(MAILER_AGENT_APP_ID);
        assertThat(probe.leg1Latency()).isPositive();
        assertThat(probe.leg2Latency()).isPositive();
        assertThat(again.agentName()).isEqualTo(MAIL_AGENT);
        // Both probes bypass every cache: two T1 and two T2 requests.
        assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID)).hasSize(2);
        assertThat(world.bridge().tokenRequestsBy(MAILER_AGENT_APP_ID)).hasSize(2);
        assertThat(world.bridge().tokenService(CredentialSourceKind.CLIENT_SECRET).probeAssertion()).isEmpty();
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
