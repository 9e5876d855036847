package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.GeneratedCertificate;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static dev.entrabridge.emulator.entra.EntraClients.client;
import static dev.entrabridge.emulator.entra.EntraClients.t1Subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blueprint client credentials (secret, certificate, federated assertion) and their AADSTS failures, driven by MSAL4J. */
class EntraClientCredentialsIT {

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/agent-runtime";
    private static EmulatedCloud cloud;
    private static EntraEmulator entra;
    private static OidcIssuerEmulator issuer;
    private static Tenant tenant;

    @BeforeAll
    static void start() {
        cloud = EmulatedCloud.builder().developmentCredentials().secondTenant().start();
        entra = cloud.entra();
        issuer = OidcIssuerEmulator.start("aws-account", Clock.systemUTC());
        tenant = cloud.tenant();
        tenant.blueprint(BLUEPRINT_APP_ID).federatedCredential("aws", issuer.issuer(), ROLE_ARN, EXCHANGE_AUDIENCE);
    }

    @AfterAll
    static void stop() {
        cloud.close();
        issuer.close();
    }

    @BeforeEach
    void clear() {
        entra.clearRequests();
        entra.directory().ficPropagationDelay(Duration.ZERO);
    }

    @Test
    void secretCredentialGetsT1ForTheAgentIdentity() throws Exception {
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        IAuthenticationResult result = app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get();

        assertThat(claims(result.accessToken())).containsEntry("aud", List.of(EXCHANGE_AUDIENCE))
                .containsEntry("azp", BLUEPRINT_APP_ID)
                .containsEntry("sub", t1Subject(BLUEPRINT_APP_ID, MAILER_AGENT_APP_ID))
                .containsEntry("idtyp", "app")
                .containsEntry("iss", "https://login.microsoftonline.com/" + TENANT_ID + "/v2.0")
                .containsEntry("tid", TENANT_ID);
        assertThat(entra.requests()).hasSize(1);
        var sent = entra.tokenRequests().get(0);
        assertThat(sent.path()).isEqualTo("/" + TENANT_ID + "/oauth2/v2.0/token");
        assertThat(sent.formParam("fmi_path")).contains(MAILER_AGENT_APP_ID);
        assertThat(sent.formParam("client_info")).contains("1");
        assertThat(sent.formParam("scope")).contains(EXCHANGE_AUDIENCE + "/.default openid profile offline_access");
        assertThat(result.expiresOnDate().toInstant()).isAfter(Instant.now().plusSeconds(3500));
    }

    @Test
    void certificateCredentialIsVerifiedAgainstTheRegisteredCertificate() throws Exception {
        var cert = certificate("blueprint-cert");
        String blueprint = UUID.randomUUID().toString();
        tenant.blueprint(blueprint).certificate(cert.certificate());
        tenant.agentIdentity(UUID.randomUUID().toString(), blueprint);
        var app = client(entra, blueprint,
                ClientCredentialFactory.createFromCertificate(cert.keys().getPrivate(), cert.certificate()));

        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters
                .builder(Set.of(EXCHANGE_AUDIENCE + "/.default")).build()).get();

        assertThat(claims(result.accessToken())).containsEntry("azp", blueprint);
        var assertion = SignedJWT.parse(entra.tokenRequests().get(0).formParam("client_assertion").orElseThrow());
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(entra.tokenEndpoint(TENANT_ID));
    }

    @Test
    void unregisteredCertificateIsRefusedWith700027() {
        var registered = certificate("registered");
        var other = certificate("other");
        String blueprint = UUID.randomUUID().toString();
        tenant.blueprint(blueprint).certificate(registered.certificate());
        var app = client(entra, blueprint,
                ClientCredentialFactory.createFromCertificate(other.keys().getPrivate(), other.certificate()));

        assertService(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of(EXCHANGE_AUDIENCE + "/.default"))
                .build()).get(), "invalid_client", 700027, 401);
    }

    @Test
    void federatedAssertionFromAnExternalIssuerIsCheckedAgainstItsJwks() throws Exception {
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromCallback(
                () -> issuer.mint(ROLE_ARN, EXCHANGE_AUDIENCE, Duration.ofMinutes(5))));

        IAuthenticationResult result = app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get();

        assertThat(claims(result.accessToken())).containsEntry("sub", t1Subject(BLUEPRINT_APP_ID, MAILER_AGENT_APP_ID));
        assertThat(issuer.requests()).extracting(r -> r.path())
                .contains("/aws-account/.well-known/openid-configuration", "/aws-account/.well-known/jwks.json");
    }

    @Test
    void rotatedIssuerKeyIsFetchedAgainOnItsNewKid() throws Exception {
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromCallback(
                () -> issuer.mint(ROLE_ARN, EXCHANGE_AUDIENCE, Duration.ofMinutes(5))));
        app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get();
        issuer.rotateKey(true);
        var afterRotation = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromCallback(
                () -> issuer.mint(ROLE_ARN, EXCHANGE_AUDIENCE, Duration.ofMinutes(5))));
        long jwksFetches = issuer.requests().stream().filter(r -> r.path().endsWith("/jwks.json")).count();

        IAuthenticationResult result = afterRotation.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get();

        assertThat(claims(result.accessToken())).containsEntry("sub", t1Subject(BLUEPRINT_APP_ID, MAILER_AGENT_APP_ID));
        assertThat(issuer.requests().stream().filter(r -> r.path().endsWith("/jwks.json")).count())
                .isEqualTo(jwksFetches + 1);
    }

    @Test
    void managedIdentityTokenOfTheTenantIsAFederatedAssertion() throws Exception {
        String principal = UUID.randomUUID().toString();
        String blueprint = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        tenant.blueprint(blueprint).federatedCredential("uami", entra.issuer(TENANT_ID), principal, EXCHANGE_AUDIENCE);
        tenant.agentIdentity(agent, blueprint);
        String miToken = entra.mintManagedIdentityToken(TENANT_ID, principal, UUID.randomUUID().toString(),
                EXCHANGE_AUDIENCE, Duration.ofHours(1));
        var app = client(entra, blueprint, ClientCredentialFactory.createFromClientAssertion(miToken));

        assertThat(claims(app.acquireToken(t1Parameters(agent)).get().accessToken()))
                .containsEntry("sub", t1Subject(blueprint, agent)).containsEntry("azp", blueprint);
    }

    @Test
    void wrongSecretIs7000215WithTheCallersCorrelationId() {
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret("not-the-secret"));

        MsalServiceException e = assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(),
                "invalid_client", 7000215, 401);

        String sentCorrelation = entra.tokenRequests().get(0).header("client-request-id").orElseThrow();
        assertThat(e.correlationId()).isEqualTo(sentCorrelation);
        assertThat(e.getMessage()).contains("Correlation ID: " + sentCorrelation);
    }

    @Test
    void expiredSecretIs7000222() {
        String blueprint = UUID.randomUUID().toString();
        tenant.blueprint(blueprint).secret("old-secret", Instant.now().minusSeconds(60));
        var app = client(entra, blueprint, ClientCredentialFactory.createFromSecret("old-secret"));

        assertService(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of(EXCHANGE_AUDIENCE + "/.default"))
                .build()).get(), "invalid_client", 7000222, 401);
    }

    @Test
    void assertionFromAnIssuerWithoutFicIs700211() {
        // The blueprint trusts its own tenant's managed identities; another tenant's issuer it does not.
        var app = federatedClient(() -> entra.mintManagedIdentityToken(OTHER_TENANT_ID, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), EXCHANGE_AUDIENCE, Duration.ofHours(1)));

        assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(), "invalid_client", 700211, 401);
    }

    @Test
    void assertionWithAnotherAudienceIs700212() {
        var app = federatedClient(() -> issuer.mint(ROLE_ARN, "sts.amazonaws.com", Duration.ofMinutes(5)));

        assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(), "invalid_client", 700212, 401);
    }

    @Test
    void subjectDifferingOnlyInCaseIs7002138() {
        String presented = ROLE_ARN.toUpperCase();
        var app = federatedClient(() -> issuer.mint(presented, EXCHANGE_AUDIENCE, Duration.ofMinutes(5)));

        MsalServiceException e = assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(),
                "invalid_client", 7002138, 401);

        // Entra's text, as answered to real callers (Azure/login#515).
        assertThat(e.getMessage()).contains("No matching federated identity record found for presented assertion"
                + " subject '" + presented + "'. The subject matches with case-insensitive comparison, but not with"
                + " case-sensitive comparison.");
    }

    @Test
    void otherSubjectIs700213NamingTheSubject() {
        String otherRole = "arn:aws:iam::123456789012:role/OtherRole";
        var app = federatedClient(() -> issuer.mint(otherRole, EXCHANGE_AUDIENCE, Duration.ofMinutes(5)));

        MsalServiceException e = assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(),
                "invalid_client", 700213, 401);

        // Entra's text, as answered to real callers (Azure/login#482, dotnet/maui#31978).
        assertThat(e.getMessage()).contains("AADSTS700213: No matching federated identity record found for presented"
                + " assertion subject '" + otherRole + "'. Check your federated identity credential Subject, Audience"
                + " and Issuer against the presented assertion.");
    }

    @Test
    void newFicIsInvisibleDuringPropagation() throws Exception {
        String blueprint = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        String role = "arn:aws:iam::123456789012:role/fresh";
        entra.directory().ficPropagationDelay(Duration.ofMinutes(5));
        tenant.blueprint(blueprint).federatedCredential("fresh", issuer.issuer(), role, EXCHANGE_AUDIENCE);
        tenant.agentIdentity(agent, blueprint);
        var app = client(entra, blueprint, ClientCredentialFactory.createFromCallback(
                () -> issuer.mint(role, EXCHANGE_AUDIENCE, Duration.ofMinutes(5))));

        assertService(() -> app.acquireToken(t1Parameters(agent)).get(), "invalid_request", 70021, 400);
        entra.directory().ficPropagationDelay(Duration.ZERO);
        assertThat(claims(app.acquireToken(t1Parameters(agent)).get().accessToken()))
                .containsEntry("sub", t1Subject(blueprint, agent));
    }

    @Test
    void expiredFederatedAssertionIs700024() {
        var app = federatedClient(() -> issuer.mint(ROLE_ARN, EXCHANGE_AUDIENCE, Duration.ofMinutes(5), Map.of(
                "exp", Instant.now().minus(Duration.ofHours(1)).getEpochSecond(),
                "nbf", Instant.now().minus(Duration.ofHours(2)).getEpochSecond())));

        assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(), "invalid_client", 700024, 401);
    }

    @Test
    void fmiPathOfAnotherBlueprintsAgentIsInvalidRequest() {
        String otherBlueprint = UUID.randomUUID().toString();
        String otherAgent = UUID.randomUUID().toString();
        tenant.blueprint(otherBlueprint).secret(BLUEPRINT_SECRET, Instant.now().plusSeconds(86_400));
        tenant.agentIdentity(otherAgent, otherBlueprint);
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        MsalServiceException e = assertService(() -> app.acquireToken(t1Parameters(otherAgent)).get(),
                "invalid_request", 9002313, 400);

        assertThat(e.getMessage()).contains("fmi_path '" + otherAgent + "' must name an agent identity");
    }

    @Test
    void fmiPathOfADisabledAgentIs7000112() {
        String agent = UUID.randomUUID().toString();
        tenant.agentIdentity(agent, BLUEPRINT_APP_ID).enabled(false);
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        assertService(() -> app.acquireToken(t1Parameters(agent)).get(), "unauthorized_client", 7000112, 400);
    }

    @Test
    void individualScopeIs70011() {
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        assertService(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/User.Read"))
                .build()).get(), "invalid_scope", 70011, 400);
    }

    @Test
    void unknownResourceIs500011() {
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        assertService(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of("api://nowhere/.default"))
                .build()).get(), "invalid_resource", 500011, 400);
    }

    @Test
    void unknownClientIs700016() {
        var app = client(entra, UUID.randomUUID()
                .toString(), ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID))
                .get(), "unauthorized_client", 700016, 400);
    }

    @Test
    void unknownTenantIs90002() {
        var app = client(entra, UUID.randomUUID().toString(), BLUEPRINT_APP_ID,
                ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));

        assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(), "invalid_request", 90002, 400);
    }

    private static GeneratedCertificate certificate(String commonName) {
        return GeneratedCertificate.selfSigned(commonName, Instant.now().plus(Duration.ofDays(30)));
    }

    private static ConfidentialClientApplication federatedClient(java.util.concurrent.Callable<String> assertion) {
        return client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromCallback(assertion));
    }

    static ClientCredentialParameters t1Parameters(String agent) {
        return ClientCredentialParameters.builder(Set.of(EXCHANGE_AUDIENCE + "/.default")).fmiPath(agent).build();
    }

    /** Runs an MSAL call that must fail with this Entra error, and returns MSAL's exception. */
    static MsalServiceException assertService(ThrowingCall call, String error, long aadsts, int status) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(thrown).as("the MSAL call's failure").isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).as("cause of %s", thrown).isInstanceOf(MsalServiceException.class);
        MsalServiceException e = (MsalServiceException) thrown.getCause();
        assertThat(e.errorCode()).isEqualTo(error);
        assertThat(e.getMessage()).startsWith("AADSTS" + aadsts + ":");
        // MSAL drops the status on MsalInteractionRequiredException (invalid_grant): read it off the wire then.
        assertThat(e.statusCode() != null ? e.statusCode() : EmulatorRoutingHttpClient.lastStatus()).isEqualTo(status);
        assertThat(EmulatorRoutingHttpClient.lastStatus()).isEqualTo(status);
        return e;
    }

    /** An MSAL call. */
    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }
}
