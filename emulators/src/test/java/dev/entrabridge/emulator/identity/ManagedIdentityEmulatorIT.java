package dev.entrabridge.emulator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.ManagedIdentitySourceType;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.TokenSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedIdentityEmulatorIT {

    private static final String RESOURCE = "api://AzureADTokenExchange";
    private static final ManagedIdentity UAMI = ManagedIdentity.userAssigned(
            "11111111-aaaa-4bbb-8ccc-000000000001", "22222222-aaaa-4bbb-8ccc-000000000001", "graph-actions");
    private static final ManagedIdentity UAMI_MSAL = ManagedIdentity.userAssigned(
            "11111111-aaaa-4bbb-8ccc-000000000002", "22222222-aaaa-4bbb-8ccc-000000000002", "msal-imds");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static OidcIssuerEmulator issuer;
    private static ManagedIdentityEmulator identity;
    private static final List<MintedToken> minted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        issuer = OidcIssuerEmulator.start("managed-identity", Clock.systemUTC());
        ManagedIdentityTokenMinter oidc = new OidcManagedIdentityMinter(issuer, Duration.ofHours(1));
        identity = ManagedIdentityEmulator.start((resource, id) -> {
            MintedToken token = oidc.mint(resource, id);
            minted.add(token);
            return token;
        }, Clock.systemUTC()).addUserAssigned(UAMI).addUserAssigned(UAMI_MSAL);
    }

    @AfterAll
    static void stop() {
        identity.close();
        issuer.close();
    }

    private static HttpResponse<String> get(URI base, String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "?" + query));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> appService(String query, String secret) throws Exception {
        return get(identity.identityEndpoint(), query, secret == null ? Map.of() : Map.of("X-IDENTITY-HEADER", secret));
    }

    private static HttpResponse<String> imds(String query, Map<String, String> headers) throws Exception {
        return get(identity.imdsTokenEndpoint(), query, headers);
    }

    @Test
    void appServiceProtocolReturnsTheTokenWithExpiresOnAsAString() throws Exception {
        HttpResponse<String> response = appService("api-version=2019-08-01&resource=" + RESOURCE + "&client_id="
                + UAMI.clientId(), identity.identityHeader());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("expires_on").isTextual()).isTrue();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("resource").asText()).isEqualTo(RESOURCE);
        assertThat(body.get("client_id").asText()).isEqualTo(UAMI.clientId());
        JWTClaimsSet claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(RESOURCE);
        assertThat(claims.getSubject()).isEqualTo(UAMI.principalId());
        assertThat(claims.getStringClaim("appid")).isEqualTo(UAMI.clientId());
        assertThat(Long.parseLong(body.get("expires_on").asText()))
                .isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
    }

    @Test
    void appServiceSelectsByObjectIdAndResourceIdToo() throws Exception {
        for (String selector : List.of("object_id=" + UAMI.principalId(), "mi_res_id=" + UAMI.resourceId())) {
            HttpResponse<String> response = appService("api-version=2019-08-01&resource=" + RESOURCE + "&"
                    + selector, identity.identityHeader());
            assertThat(response.statusCode()).as(selector).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("client_id").asText()).isEqualTo(UAMI.clientId());
        }
    }

    @Test
    void appServiceRefusesAWrongSecretAWrongApiVersionAndAnUnknownIdentity() throws Exception {
        String ok = "api-version=2019-08-01&resource=" + RESOURCE + "&client_id=" + UAMI.clientId();
        assertThat(appService(ok, "wrong").statusCode()).isEqualTo(401);
        assertThat(appService(ok, null).statusCode()).isEqualTo(401);
        HttpResponse<String> version = appService(ok.replace("2019-08-01", "2017-09-01"), identity.identityHeader());
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(version.body()).get("message").asText()).contains("api-version");

        HttpResponse<String> unknown = appService("api-version=2019-08-01&resource=" + RESOURCE
                + "&client_id=99999999-0000-0000-0000-000000000000", identity.identityHeader());
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(unknown.body());
        assertThat(body.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body.get("message").asText()).isEqualTo("Unable to load the proper Managed Identity.");
        assertThat(body.get("correlationId").asText()).isNotBlank();
    }

    @Test
    void imdsProtocolReturnsExpiresInAndExpiresOnAsStrings() throws Exception {
        HttpResponse<String> response = imds("api-version=2018-02-01&resource=" + RESOURCE + "&client_id="
                + UAMI.clientId(), Map.of("Metadata", "true"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("expires_in").isTextual()).isTrue();
        assertThat(Long.parseLong(body.get("expires_in").asText())).isBetween(3590L, 3600L);
        assertThat(body.get("expires_on").isTextual()).isTrue();
        assertThat(body.get("client_id").asText()).isEqualTo(UAMI.clientId());
    }

    @Test
    void imdsRefusesAMissingMetadataHeaderMissingApiVersionAndAnUnknownIdentity() throws Exception {
        String ok = "api-version=2018-02-01&resource=" + RESOURCE + "&client_id=" + UAMI.clientId();
        HttpResponse<String> noHeader = imds(ok, Map.of());
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noHeader.body()).get("error_description").asText())
                .isEqualTo("Required metadata header not specified");
        assertThat(imds(ok, Map.of("Metadata", "false")).statusCode()).isEqualTo(400);
        HttpResponse<String> noVersion = imds("resource=" + RESOURCE, Map.of("Metadata", "true"));
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noVersion.body()).get("error").asText()).isEqualTo("invalid_request");
        HttpResponse<String> unknown = imds("api-version=2018-02-01&resource=" + RESOURCE
                + "&client_id=99999999-0000-0000-0000-000000000000", Map.of("Metadata", "true"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error_description").asText()).isEqualTo("Identity not found");
        // No system-assigned identity is configured, so naming none is the same error.
        assertThat(imds("api-version=2018-02-01&resource=" + RESOURCE, Map.of("Metadata", "true")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void msalGetsAnImdsTokenParsesExpiresOnAndServesTheSecondCallFromItsCache() throws Exception {
        ManagedIdentityApplication app = ManagedIdentityApplication
                .builder(ManagedIdentityId.userAssignedClientId(UAMI_MSAL.clientId()))
                .httpClient(new LoopbackImdsHttpClient(identity.imdsBaseUrl()))
                .build();
        ManagedIdentityParameters parameters = ManagedIdentityParameters.builder(RESOURCE).build();
        int before = imdsRequests();

        IAuthenticationResult first = app.acquireTokenForManagedIdentity(parameters).get();
        IAuthenticationResult second = app.acquireTokenForManagedIdentity(parameters).get();

        assertThat(ManagedIdentityApplication.getManagedIdentitySource()).isEqualTo(ManagedIdentitySourceType.DEFAULT_TO_IMDS);
        assertThat(imdsRequests()).isEqualTo(before + 1);
        var request = identity.requests().get(identity.requests().size() - 1);
        assertThat(request.queryParam("client_id")).contains(UAMI_MSAL.clientId());
        assertThat(request.queryParam("resource")).contains(RESOURCE);
        assertThat(request.header("Metadata")).contains("true");
        MintedToken token = minted.get(minted.size() - 1);
        assertThat(first.accessToken()).isEqualTo(token.accessToken());
        assertThat(first.expiresOnDate().toInstant()).isEqualTo(token.expiresOn());
        assertThat(first.metadata().tokenSource()).isEqualTo(TokenSource.IDENTITY_PROVIDER);
        assertThat(second.metadata().tokenSource()).isEqualTo(TokenSource.CACHE);
        assertThat(second.accessToken()).isEqualTo(first.accessToken());
    }

    @Test
    void msalSurfacesTheImdsErrorForAnUnknownClientId() {
        ManagedIdentityApplication app = ManagedIdentityApplication
                .builder(ManagedIdentityId.userAssignedClientId("99999999-0000-0000-0000-00000000beef"))
                .httpClient(new LoopbackImdsHttpClient(identity.imdsBaseUrl()))
                .build();
        assertThatThrownBy(() -> app.acquireTokenForManagedIdentity(
                ManagedIdentityParameters.builder(RESOURCE).build()).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("Identity not found");
    }

    @Test
    void msalInAnAppServiceEnvironmentGetsTheTokenAndCachesIt() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), AppServiceTokenProbe.class.getName(),
                UAMI.clientId(), RESOURCE).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        List.of("MSI_ENDPOINT", "MSI_SECRET", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT")
                .forEach(env::remove);
        env.put("IDENTITY_ENDPOINT", identity.identityEndpoint().toString());
        env.put("IDENTITY_HEADER", identity.identityHeader());
        int before = appServiceRequests();

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> facts = output.lines().filter(l -> l.matches("[A-Za-z0-9]+=.*"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> b));
        assertThat(facts).containsEntry("source", "APP_SERVICE")
                .containsEntry("firstSource", "IDENTITY_PROVIDER")
                .containsEntry("secondSource", "CACHE")
                .containsEntry("sameToken", "true");
        assertThat(appServiceRequests()).isEqualTo(before + 1);
        var request = identity.requests().get(identity.requests().size() - 1);
        assertThat(request.header("X-IDENTITY-HEADER")).contains(identity.identityHeader());
        assertThat(request.queryParam("api-version")).contains("2019-08-01");
        MintedToken token = minted.get(minted.size() - 1);
        assertThat(facts.get("tokenSha256")).isEqualTo(sha256(token.accessToken()));
        assertThat(Long.parseLong(facts.get("expiresOn"))).isEqualTo(token.expiresOn().getEpochSecond());
    }

    private static int imdsRequests() {
        return (int) identity.requests().stream()
                .filter(r -> r.path().equals(ManagedIdentityEmulator.IMDS_PATH)).count();
    }

    private static int appServiceRequests() {
        return (int) identity.requests().stream()
                .filter(r -> r.path().equals(ManagedIdentityEmulator.APP_SERVICE_PATH)).count();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

}
