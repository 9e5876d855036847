package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import com.microsoft.aad.msal4j.UserNamePasswordParameters;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.GeneratedCertificate;
import dev.entrabridge.emulator.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.emulator.entra.EntraClientCredentialsIT.assertService;
import static dev.entrabridge.emulator.entra.EntraClientCredentialsIT.t1Parameters;
import static dev.entrabridge.emulator.entra.EntraClients.agentClient;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static dev.entrabridge.emulator.entra.EntraClients.client;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where independent clients and real Entra disagreed with the emulator (issue 11), each checked
 * through MSAL4J where it can send the request, else through the JDK client sending exactly what
 * msal-node or MSAL Python sends.
 */
class EntraFidelityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static EmulatedCloud cloud;
    private static EntraEmulator entra;

    @BeforeAll
    static void start() {
        cloud = EmulatedCloud.builder().developmentCredentials().demoPeople().start();
        entra = cloud.entra();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    // 1. PS256 certificate assertions with x5t#S256, as msal-node signs them.

    /** The client assertion msal-node builds for a certificate credential (its ClientAssertion with PS256). */
    private static String msalNodeAssertion(GeneratedCertificate certificate, JWSAlgorithm alg) throws Exception {
        byte[] der = certificate.certificate().getEncoded();
        JWSHeader header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT)
                .x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der))).build();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(entra.tokenEndpoint(TENANT_ID)).issuer(BLUEPRINT_APP_ID).subject(BLUEPRINT_APP_ID)
                .jwtID(UUID.randomUUID().toString()).notBeforeTime(Date.from(now)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(certificate.keys().getPrivate()));
        return jwt.serialize();
    }

    @Test
    void ps256CertificateAssertionWithX5tS256IsAccepted() throws Exception {
        String assertion = msalNodeAssertion(cloud.developmentCredentials().certificate(), JWSAlgorithm.PS256);
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromClientAssertion(assertion));

        IAuthenticationResult t1 = app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get();

        assertThat(claims(t1.accessToken())).containsEntry("azp", BLUEPRINT_APP_ID).containsEntry("azpacr", "2");
    }

    @Test
    void anotherAlgorithmThanRs256OrPs256Is50027() throws Exception {
        String assertion = msalNodeAssertion(cloud.developmentCredentials().certificate(), JWSAlgorithm.RS512);
        var app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromClientAssertion(assertion));

        MsalServiceException e = assertService(() -> app.acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get(),
                "invalid_client", 50027, 401);
        assertThat(e.getMessage()).contains("'RS512' is not a supported signature algorithm", "PS256", "RS256");
    }

    // 3. client-request-id in the query string and the body (msal-node), or the header (MSAL4J).

    @Test
    void correlationIdSentAsMsalNodeDoesIsEchoed() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = post("/" + TENANT_ID + "/oauth2/v2.0/token?client-request-id=" + id,
                form(Map.of("grant_type", "client_credentials", "client_id", BLUEPRINT_APP_ID,
                        "client_secret", "wrong", "scope", GRAPH + "/.default", "client-request-id", id)));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).path("correlation_id").asText()).isEqualTo(id);
        assertThat(r.headers().firstValue("client-request-id")).contains(id);
    }

    @Test
    void correlationIdMsal4jSendsAsAHeaderIsEchoed() {
        UUID id = UUID.randomUUID();
        ConfidentialClientApplication app;
        try {
            app = ConfidentialClientApplication.builder(BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret("wrong"))
                    .authority(EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + TENANT_ID + "/")
                    .correlationId(id.toString()).httpClient(EmulatorRoutingHttpClient.to(entra)).build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }

        MsalServiceException e = assertService(() -> app.acquireToken(ClientCredentialParameters
                .builder(Set.of(GRAPH + "/.default")).build()).get(), "invalid_client", 7000215, 401);

        assertThat(e.correlationId()).isEqualTo(id.toString());
    }

    // 4. ROPC answers with id_token, client_info and refresh_token; the user realm; refresh tokens for OBO.

    @Test
    void passwordGrantThroughMsal4jCreatesAnAccountAndItsRefreshTokenWorks() throws Exception {
        entra.clearRequests();
        PublicClientApplication app = PublicClientApplication.builder(PUBLIC_CLIENT_APP_ID)
                .authority(EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + TENANT_ID + "/")
                .httpClient(EmulatorRoutingHttpClient.to(entra)).build();
        Set<String> scopes = Set.of(BLUEPRINT_API + "/" + ACCESS_AS_USER);

        IAuthenticationResult signedIn = app.acquireToken(UserNamePasswordParameters.builder(scopes, USER_UPN,
                USER_PASSWORD.toCharArray()).build()).get();
        // forceRefresh: MSAL must redeem the refresh token the password grant answered.
        IAuthenticationResult refreshed = app.acquireTokenSilently(SilentParameters.builder(scopes, signedIn.account())
                .forceRefresh(true).build()).get();

        assertThat(signedIn.account().homeAccountId()).isEqualTo(USER_OID + "." + TENANT_ID);
        assertThat(signedIn.idToken()).isNotBlank();
        assertThat(claims(refreshed.accessToken())).containsEntry("oid", USER_OID)
                .containsEntry("azp", PUBLIC_CLIENT_APP_ID).containsEntry("azpacr", "0");
        assertThat(entra.requests()).extracting(RecordedRequest::path)
                .contains("/common/userrealm/" + USER_UPN);
        assertThat(entra.tokenRequests()).extracting(r -> r.formParam("grant_type").orElseThrow())
                .containsExactly("password", "refresh_token");
    }

    @Test
    void userRealmIsManagedForATenantsDomainAsMsalPythonAsksIt() throws Exception {
        HttpResponse<String> managed = get("/common/userrealm/" + USER_UPN + "?api-version=1.0");
        HttpResponse<String> unknown = get("/common/userrealm/someone@example.org?api-version=1.0");

        assertThat(managed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(managed.body()).path("account_type").asText()).isEqualTo("Managed");
        assertThat(JSON.readTree(managed.body()).path("domain_name").asText()).isEqualTo(TENANT_DOMAIN);
        assertThat(JSON.readTree(unknown.body()).path("account_type").asText()).isEqualTo("Unknown");
    }

    @Test
    void onBehalfOfAnswersARefreshTokenOnlyWhenOfflineAccessIsAsked() throws Exception {
        String t1 = blueprintWithSecret().acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get().accessToken();
        String userToken = EntraClients.personToken(entra);
        Map<String, String> obo = Map.of("grant_type", TokenEndpoint.JWT_BEARER_GRANT, "client_id", MAILER_AGENT_APP_ID,
                "client_assertion_type", ClientAuthentication.JWT_BEARER_ASSERTION_TYPE, "client_assertion", t1,
                "assertion", userToken, "requested_token_use", "on_behalf_of");

        JsonNode offline = JSON.readTree(post("/" + TENANT_ID + "/oauth2/v2.0/token",
                form(with(obo, "scope", GRAPH + "/User.Read offline_access"))).body());
        JsonNode online = JSON.readTree(post("/" + TENANT_ID + "/oauth2/v2.0/token",
                form(with(obo, "scope", GRAPH + "/User.Read"))).body());

        assertThat(offline.path("refresh_token").asText()).isNotBlank();
        assertThat(online.has("refresh_token")).isFalse();
        assertThat(online.path("access_token").asText()).isNotBlank();
    }

    // 7, 9, 11. Graph tokens in v1; azpacr from the authentication; pairwise sub and the asking client's azp.

    @Test
    void graphTokensAreV1AndOtherApisGetTheirAcceptedVersion() throws Exception {
        var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> t1Quietly());
        String graph = agent.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/.default")).build())
                .get().accessToken();
        cloud.tenant().resource("api://orders").appRoles("Orders.Read").accessTokenAcceptedVersion(2);
        cloud.tenant().grantAppRoles(MAILER_AGENT_APP_ID, "api://orders", "Orders.Read");
        String orders = agent.acquireToken(ClientCredentialParameters.builder(Set.of("api://orders/.default")).build())
                .get().accessToken();

        assertThat(claims(graph)).containsEntry("iss", entra.issuerV1(TENANT_ID)).containsEntry("ver", "1.0")
                .containsEntry("appid", MAILER_AGENT_APP_ID).containsEntry("appidacr", "2")
                .doesNotContainKeys("azp", "azpacr");
        assertThat(claims(orders)).containsEntry("iss", entra.issuer(TENANT_ID)).containsEntry("ver", "2.0")
                .containsEntry("azp", MAILER_AGENT_APP_ID).containsEntry("azpacr", "2")
                .containsEntry("aud", java.util.List.of(cloud.tenant().findResource("api://orders").orElseThrow().appId()))
                .doesNotContainKeys("appid", "appidacr", "idp");
    }

    @Test
    void graphAcceptsTheV1TokenAndRefusesATokenMixingTheFormats() throws Exception {
        var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> t1Quietly());
        String v1 = agent.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH + "/.default")).build())
                .get().accessToken();
        JWTClaimsSet real = SignedJWT.parse(v1).getJWTClaimsSet();
        // Signed by the tenant's key, v1 issuer, but the client as v2's azp: Graph must refuse it.
        String mixed = cloud.tenant().signingKey().sign(new JWTClaimsSet.Builder(real).claim("appid", null)
                .claim("appidacr", null).claim("azp", MAILER_AGENT_APP_ID).build());
        String v2Issuer = cloud.tenant().signingKey().sign(new JWTClaimsSet.Builder(real)
                .issuer(entra.issuer(TENANT_ID)).build());

        assertThat(graphUsers(v1).statusCode()).isEqualTo(200);
        HttpResponse<String> refusedMixed = graphUsers(mixed);
        assertThat(refusedMixed.statusCode()).isEqualTo(401);
        assertThat(refusedMixed.body()).contains("A v1 token needs iss https://sts.windows.net/{tid}/, ver 1.0, appid");
        assertThat(graphUsers(v2Issuer).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> graphUsers(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.graph().baseUrl() + "/v1.0/users"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aResourceRegisteredForV1GetsV1UserTokens() {
        cloud.tenant().resource("api://legacy").scopes("read").accessTokenAcceptedVersion(1);

        String token = entra.mintUserToken(TENANT_ID, USER_OID, "api://legacy", Set.of("read"), Duration.ofMinutes(5));

        assertThat(claims(token)).containsEntry("iss", "https://sts.windows.net/" + TENANT_ID + "/")
                .containsEntry("ver", "1.0").containsEntry("aud", java.util.List.of("api://legacy"))
                .containsEntry("upn", USER_UPN).containsEntry("unique_name", USER_UPN)
                .containsEntry("appid", EntraEmulator.USER_CLIENT_APP_ID).doesNotContainKeys("azp", "preferred_username");
    }

    @Test
    void onBehalfOfAcceptsAV1UserTokenForABlueprintRegisteredForV1() throws Exception {
        ResourceApp api = cloud.tenant().findResource(BLUEPRINT_API).orElseThrow();
        api.accessTokenAcceptedVersion(1);
        try {
            String v1UserToken = EntraClients.personToken(entra);
            var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> t1Quietly());

            String obo = agent.acquireToken(OnBehalfOfParameters.builder(Set.of(GRAPH + "/User.Read"),
                    new UserAssertion(v1UserToken)).build()).get().accessToken();

            assertThat(claims(v1UserToken)).containsEntry("ver", "1.0").containsEntry("aud", java.util.List.of(BLUEPRINT_API));
            assertThat(claims(obo)).containsEntry("oid", USER_OID).containsEntry("appid", MAILER_AGENT_APP_ID);
        } finally {
            api.accessTokenAcceptedVersion(2);
        }
    }

    @Test
    void azpacrSaysHowTheBlueprintAuthenticated() throws Exception {
        String bySecret = blueprintWithSecret().acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get().accessToken();
        String byFederatedJwt = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromCallback(
                () -> cloud.kubernetesToken(Duration.ofMinutes(5)))).acquireToken(t1Parameters(MAILER_AGENT_APP_ID))
                .get().accessToken();

        assertThat(claims(bySecret)).containsEntry("azpacr", "1");
        assertThat(claims(byFederatedJwt)).containsEntry("azpacr", "2");
    }

    @Test
    void usersSubIsPairwisePerApplication() throws Exception {
        String userToken = EntraClients.personToken(entra);
        var agent = agentClient(entra, MAILER_AGENT_APP_ID, () -> t1Quietly());
        String obo = agent.acquireToken(OnBehalfOfParameters.builder(Set.of(GRAPH + "/User.Read"),
                new UserAssertion(userToken)).build()).get().accessToken();

        Object subForPublicClient = claims(userToken).get("sub");
        Object subForAgent = claims(obo).get("sub");
        assertThat(subForPublicClient).isNotEqualTo(USER_OID).isNotEqualTo(subForAgent);
        assertThat(subForAgent).isNotEqualTo(USER_OID);
        assertThat(claims(userToken)).containsEntry("azp", PUBLIC_CLIENT_APP_ID).containsEntry("oid", USER_OID);
        assertThat(claims(obo)).containsEntry("oid", USER_OID);
    }

    // 13. The OpenID documents and keys of a real tenant.

    @Test
    void discoveryByDomainAnswersTheTenantGuidAndTheDocumentsOfARealTenant() throws Exception {
        JsonNode v2 = JSON.readTree(get("/" + TENANT_DOMAIN + "/v2.0/.well-known/openid-configuration").body());
        JsonNode v1 = JSON.readTree(get("/" + TENANT_DOMAIN + "/.well-known/openid-configuration").body());
        String base = EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + TENANT_ID;

        assertThat(v2.path("token_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/token");
        assertThat(v2.path("jwks_uri").asText()).isEqualTo(base + "/discovery/v2.0/keys");
        assertThat(v2.path("kerberos_endpoint").asText()).isEqualTo(base + "/kerberos");
        assertThat(texts(v2.path("claims_supported"))).contains("sub", "iss", "aud", "tid", "ver", "preferred_username");
        assertThat(v1.path("issuer").asText()).isEqualTo("https://sts.windows.net/" + TENANT_ID + "/");
        assertThat(v1.path("token_endpoint").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(v1.path("jwks_uri").asText()).isEqualTo(EntraEmulator.PUBLIC_AUTHORITY_HOST + "/common/discovery/keys");
        assertThat(texts(v1.path("claims_supported"))).contains("amr", "given_name", "family_name");
        assertThat(v1.path("kerberos_endpoint").asText()).isEqualTo(base + "/kerberos");
    }

    @Test
    void jwksKeysCarryTheirCertificateThumbprintAndIssuer() throws Exception {
        JsonNode key = JSON.readTree(get("/" + TENANT_ID + "/discovery/v2.0/keys").body()).path("keys").get(0);

        byte[] der = Base64.getDecoder().decode(key.path("x5c").get(0).asText());
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertThat(key.path("x5t").asText()).isEqualTo(Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der))
                .toString());
        assertThat(key.path("issuer").asText()).isEqualTo(entra.issuer(TENANT_ID));
        assertThat(key.path("kid").asText()).isEqualTo(cloud.tenant().signingKeyId());
        // The certificate holds the very key that signs the tenant's tokens.
        String token = entra.mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of(ACCESS_AS_USER), Duration.ofMinutes(1));
        assertThat(SignedJWT.parse(token).verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                (java.security.interfaces.RSAPublicKey) certificate.getPublicKey()))).isTrue();
    }

    private static String t1Quietly() {
        try {
            return blueprintWithSecret().acquireToken(t1Parameters(MAILER_AGENT_APP_ID)).get().accessToken();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfidentialClientApplication blueprintWithSecret() {
        return client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(form);
        copy.put(name, value);
        return copy;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static HttpResponse<String> post(String pathAndQuery, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(entra.baseUrl() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(entra.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
