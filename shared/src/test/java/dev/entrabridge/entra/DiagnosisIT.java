package dev.entrabridge.entra;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.sts.OutboundTokenPolicy;
import dev.entrabridge.emulator.sts.StsPrincipal;
import dev.entrabridge.token.Diagnosis.Category;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_DEFAULT;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static dev.entrabridge.testing.Jwts.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each misconfiguration an operator can make yields its own diagnosis code and remedy. */
class DiagnosisIT {

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.developmentCredentials().secondTenant());

    private static AgentTokenException refusal(AgentTokenService service, AgentTokenRequest request) {
        AgentTokenException e = catchThrowableOfType(AgentTokenException.class, () -> service.acquire(request));
        assertThat(e).as("expected a refusal").isNotNull();
        assertThat(e.getMessage()).doesNotContain("eyJ");
        return e;
    }

    private AgentTokenException graphRefusal(CredentialSourceKind kind) {
        return refusal(world.bridge()
                .tokenService(kind), AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
    }

    /** The mail agent's Graph token, refused when the client-secret deployment sets {@code variable} so. */
    private AgentTokenException secretDeploymentRefusal(String variable, String value) {
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.CLIENT_SECRET);
        env.put(variable, value);
        return refusal(service(env), AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));
    }

    /** A service configured by {@code env} on the world's clock. */
    private AgentTokenService service(Map<String, String> env) {
        return world.bridge().tokenService(BridgeConfig.fromEnvironment(env), world.clock());
    }

    private static void assertDiagnosis(AgentTokenException e, Category category, String code, String remedyText) {
        assertThat(e.diagnosis().category()).isEqualTo(category);
        assertThat(e.diagnosis().code()).isEqualTo(code);
        assertThat(e.diagnosis().remedy()).contains(remedyText);
        assertThat(e.diagnosis().cause()).isNotBlank();
    }

    @Test
    void wrongFicSubject() {
        world.cloud().tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential("aws-lambda")
                .federatedCredential("aws-lambda", world.cloud().sts()
                .issuer(), "arn:aws:iam::123456789012:role/OtherRole", EXCHANGE_AUDIENCE);

        AgentTokenException e = graphRefusal(CredentialSourceKind.AWS_STS);

        assertDiagnosis(e, Category.CONFIGURATION, "AADSTS700213", "FIC subject to the assertion's exact sub");
        assertThat(e.diagnosis().cause()).contains("subject (sub)", "'" + AWS_ROLE_ARN + "'");
        assertThat(e.correlationId()).isPresent();
        assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID))
                .hasSize(1); // FIC mismatches are not retried at request time
    }

    @Test
    void ficSubjectDifferingOnlyInCase() {
        world.cloud().tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential("aws-lambda")
                .federatedCredential("aws-lambda", world.cloud().sts()
                .issuer(), AWS_ROLE_ARN.toLowerCase(), EXCHANGE_AUDIENCE);

        assertDiagnosis(graphRefusal(CredentialSourceKind.AWS_STS), Category.CONFIGURATION, "AADSTS7002138",
                "keeping its case");
    }

    @Test
    void wrongIssuer() {
        world.cloud().tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential("aws-lambda")
                .federatedCredential("aws-lambda", "https://sts.amazonaws.com", AWS_ROLE_ARN, EXCHANGE_AUDIENCE);

        assertDiagnosis(graphRefusal(CredentialSourceKind.AWS_STS), Category.CONFIGURATION, "AADSTS700211",
                "FIC issuer to the assertion's exact iss");
    }

    @Test
    void disabledAgentIdentity() {
        world.cloud().tenant().findAgentIdentity(MAILER_AGENT_APP_ID).orElseThrow().enabled(false);

        assertDiagnosis(graphRefusal(CredentialSourceKind.AWS_STS), Category.CONFIGURATION, "AADSTS7000112",
                "Enable the agent identity");
    }

    @Test
    void wrongTenant() {
        AgentTokenException e = secretDeploymentRefusal("ENTRA_TENANT_ID", OTHER_TENANT_ID);

        assertDiagnosis(e, Category.CONFIGURATION, "AADSTS700016", "ENTRA_TENANT_ID");
    }

    @Test
    void unknownTenant() {
        assertDiagnosis(secretDeploymentRefusal("ENTRA_TENANT_ID", "00000000-1111-2222-3333-444444444444"),
                Category.CONFIGURATION, "AADSTS90002", "ENTRA_TENANT_ID");
    }

    @Test
    void expiredSecret() {
        String blueprint = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        world.cloud().tenant().blueprint(blueprint).secret("expired-dev-secret",
                Instant.now().minus(Duration.ofDays(1)));
        world.cloud().tenant().agentIdentity(agent, blueprint);
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.CLIENT_SECRET);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", blueprint);
        env.put("ENTRA_CLIENT_SECRET", "expired-dev-secret");
        env.put("BRIDGE_AGENTS", "old=" + agent);
        AgentTokenService service = service(env);

        assertDiagnosis(refusal(service, AgentTokenRequest.autonomous("old", Set.of(GRAPH_DEFAULT))),
                Category.CREDENTIAL, "AADSTS7000222", "Create a new secret");
    }

    @Test
    void wrongSecret() {
        assertDiagnosis(secretDeploymentRefusal("ENTRA_CLIENT_SECRET", "not-the-secret"),
                Category.CREDENTIAL, "AADSTS7000215", "401");
    }

    @Test
    void badScope() {
        AgentTokenService service = world.bridge().tokenService(CredentialSourceKind.AWS_STS);

        assertDiagnosis(refusal(service, AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH + "/User.Read"))),
                Category.CONFIGURATION, "AADSTS70011", "/.default");
        assertDiagnosis(refusal(service, AgentTokenRequest.autonomous(MAIL_AGENT,
                Set.of("api://unknown-api/.default"))),
                Category.CONFIGURATION, "AADSTS500011", "Fix the scope");
    }

    @Test
    void missingConsent() {
        AgentTokenException e = oboRefusal(BLUEPRINT_APP_ID, GRAPH + "/Mail.Read");

        assertDiagnosis(e, Category.PERMISSION, "AADSTS65001", "grant the permission");
    }

    @Test
    void oboUserTokenNotAimedAtTheBlueprint() {
        AgentTokenException e = oboRefusal(MAILER_AGENT_APP_ID, GRAPH + "/User.Read");

        assertDiagnosis(e, Category.CREDENTIAL, "AADSTS50013", "aud is the blueprint");
    }

    /** On-behalf-of the person, whose token was issued for {@code userTokenAudience}, for {@code scope}. */
    private AgentTokenException oboRefusal(String userTokenAudience, String scope) {
        String userToken = world.cloud().entra()
                .mintUserToken(TENANT_ID, USER_OID, userTokenAudience, Set.of("access_as_user"), Duration.ofHours(1));
        return refusal(world.bridge().tokenService(CredentialSourceKind.AWS_STS),
                AgentTokenRequest.onBehalfOf(MAIL_AGENT, Set.of(scope), userToken));
    }

    @Test
    void awsOutboundFederationDisabled() {
        world.cloud().sts().outboundFederationEnabled(false);

        AgentTokenException e = graphRefusal(CredentialSourceKind.AWS_STS);

        assertDiagnosis(e, Category.CONFIGURATION, "OutboundWebIdentityFederationDisabledException",
                "aws iam enable-outbound-web-identity-federation");
        assertThat(world.cloud().entra().tokenRequests()).isEmpty();
    }

    @Test
    void awsRoleMayNotMintTheToken() {
        world.cloud().sts().addPrincipal(StsPrincipal.of(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ROLE_ARN,
                "123456789012", "us-east-1")
                .withPolicy(OutboundTokenPolicy.denyAll()));

        AgentTokenException e = graphRefusal(CredentialSourceKind.AWS_STS);

        assertThat(e.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(e.diagnosis().code()).startsWith("AccessDenied");
        assertThat(e.diagnosis().remedy()).contains("sts:GetWebIdentityToken");
    }

    @Test
    void stsDurationAboveThePolicyLimit() {
        world.cloud().sts().addPrincipal(StsPrincipal.of(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ROLE_ARN,
                "123456789012", "us-east-1")
                .withPolicy(OutboundTokenPolicy.restrictedTo(Set.of(EXCHANGE_AUDIENCE), 300, "RS256")));
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_STS_TOKEN_DURATION_SECONDS", "900");
        AgentTokenService service = service(env);

        AgentTokenException e = refusal(service, AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH_DEFAULT)));

        assertThat(e.diagnosis().category()).isIn(Category.PERMISSION, Category.CONFIGURATION);
        assertThat(e.diagnosis().remedy()).containsAnyOf("sts:DurationSeconds", "BRIDGE_STS_TOKEN_DURATION_SECONDS");
    }
}
