package dev.entrabridge.emulator.gcp;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GcpMetadataEmulatorIT {

    private static final String IDENTITY = "/computeMetadata/v1/instance/service-accounts/default/identity";
    private static final String AUDIENCE = "api://AzureADTokenExchange";
    private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GcpMetadataEmulator metadata;

    @BeforeAll
    static void start() {
        metadata = GcpMetadataEmulator.start(GceInstance.example(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        metadata.close();
    }

    private static HttpResponse<String> get(String pathAndQuery, boolean flavor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(metadata.baseUrl() + pathAndQuery));
        if (flavor) {
            request.header("Metadata-Flavor", "Google");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fullFormatIdTokenCarriesTheServiceAccountAndComputeEngineClaimsAndVerifies() throws Exception {
        HttpResponse<String> response = get(IDENTITY + "?audience=" + AUDIENCE + "&format=full", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Metadata-Flavor")).contains("Google");
        SignedJWT jwt = SignedJWT.parse(response.body());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(metadata.issuer());
        assertThat(claims.getSubject()).isEqualTo(metadata.serviceAccountUniqueId()).isEqualTo("112233445566778899001");
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getStringClaim("azp")).isEqualTo("112233445566778899001");
        assertThat(claims.getStringClaim("email")).isEqualTo("graph-actions@example-project.iam.gserviceaccount.com");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
        @SuppressWarnings("unchecked")
        Map<String, Object> gce = (Map<String, Object>) claims.getJSONObjectClaim("google").get("compute_engine");
        assertThat(gce).containsEntry("project_id", "example-project").containsEntry("zone", "us-central1-a")
                .containsEntry("instance_id", "4567890123456789012");

        HttpClient tls = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
        String jwks = tls.send(HttpRequest.newBuilder(metadata.jwksUri()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var key = JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void standardFormatOmitsEmailAndComputeEngineClaims() throws Exception {
        HttpResponse<String> response = get(IDENTITY + "?audience=" + AUDIENCE, true);
        JWTClaimsSet claims = SignedJWT.parse(response.body()).getJWTClaimsSet();
        assertThat(claims.getClaims()).doesNotContainKeys("email", "google").containsKey("azp");
    }

    @Test
    void missingFlavorHeaderIs403WithTheServersText() throws Exception {
        HttpResponse<String> response = get(IDENTITY + "?audience=" + AUDIENCE, false);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Missing Metadata-Flavor:Google header.");
        assertThat(response.headers().firstValue("Metadata-Flavor")).contains("Google");
        assertThat(metadata.requests()).isNotEmpty();
    }

    @Test
    void missingAudienceIs400() throws Exception {
        HttpResponse<String> response = get(IDENTITY + "?format=full", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("non-empty audience parameter required");
        assertThat(response.headers().firstValue("Metadata-Flavor")).contains("Google");
    }

    @Test
    void platformDetectionEndpointsAnswerWithTheFlavorHeader() throws Exception {
        HttpResponse<String> root = get("/", false);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Metadata-Flavor")).contains("Google");
        assertThat(get("/computeMetadata/v1/instance/id", true).body()).isEqualTo("4567890123456789012");
        assertThat(get("/computeMetadata/v1/project/project-id", true).body()).isEqualTo("example-project");
        assertThat(get("/computeMetadata/v1/instance/no-such-thing", true).statusCode()).isEqualTo(404);
        assertThat(metadata.host()).isEqualTo(metadata.baseUrl().getAuthority());
    }

    /** gcp-metadata's isAvailable(): GET {BASE_PATH}/instance with Metadata-Flavor, then the flavor header of the answer. */
    @Test
    void theInstanceDirectoryAnswersAsGcpMetadataIsAvailableExpects() throws Exception {
        HttpResponse<String> probe = get("/computeMetadata/v1/instance", true);
        HttpResponse<String> recursive = get("/computeMetadata/v1/instance/?recursive=true", true);

        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.headers().firstValue("Metadata-Flavor")).contains("Google");
        assertThat(probe.body().lines()).contains("id", "service-accounts/", "zone");
        assertThat(recursive.statusCode()).isEqualTo(200);
        assertThat(recursive.body()).contains("\"id\":4567890123456789012", "\"serviceAccounts\"");
        assertThat(get("/computeMetadata/v1/instance", false).statusCode()).isEqualTo(403);
    }
}
