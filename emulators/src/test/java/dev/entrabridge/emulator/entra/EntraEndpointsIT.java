package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata routes, the error wire shape and the password (ROPC) grant the demo uses, read with a
 * plain HTTP client as curl sends them (the one request MSAL cannot make, the RFC 8693 grant, is
 * also sent this way).
 */
class EntraEndpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmulatedCloud cloud;
    private static EntraEmulator entra;
    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        cloud = EmulatedCloud.builder().developmentCredentials().demoPeople().start();
        entra = cloud.entra();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void openIdConfigurationAndKeysVerifyTheTenantsTokens() throws Exception {
        JsonNode config = JSON.readTree(get("/" + TENANT_ID + "/v2.0/.well-known/openid-configuration").body());
        assertThat(config.get("issuer").asText()).isEqualTo("https://login.microsoftonline.com/" + TENANT_ID + "/v2.0");
        assertThat(config.get("token_endpoint").asText()).isEqualTo(entra.tokenEndpoint(TENANT_ID));
        String jwksPath = URI.create(config.get("jwks_uri").asText()).getPath();

        JWKSet keys = JWKSet.parse(get(jwksPath).body());
        String token = entra.mintManagedIdentityToken(TENANT_ID, USER_OID, MAILER_AGENT_APP_ID, EXCHANGE_AUDIENCE,
                Duration.ofMinutes(5));
        SignedJWT jwt = SignedJWT.parse(token);

        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(USER_OID);
    }

    @Test
    void instanceDiscoveryHasMsalsShape() throws Exception {
        String authorize = URLEncoder.encode("https://login.microsoftonline.com/" + TENANT_ID + "/oauth2/v2.0/authorize",
                StandardCharsets.UTF_8);
        JsonNode body = JSON.readTree(get("/common/discovery/instance?api-version=1.1&authorization_endpoint="
                + authorize).body());

        assertThat(body.get("tenant_discovery_endpoint").asText())
                .isEqualTo("https://login.microsoftonline.com/" + TENANT_ID + "/v2.0/.well-known/openid-configuration");
        assertThat(body.get("metadata").get(0).get("aliases").toString()).contains("login.microsoftonline.com",
                "login.windows.net");
    }

    @Test
    void tokenExchangeGrantIs82001InEntrasErrorShape() throws Exception {
        String form = "grant_type=" + URLEncoder.encode(TokenEndpoint.TOKEN_EXCHANGE_GRANT, StandardCharsets.UTF_8)
                + "&client_id=" + BLUEPRINT_APP_ID + "&client_secret=" + BLUEPRINT_SECRET;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(entra.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("client-request-id", "6a1d1a3e-0000-4000-8000-00000000c0de")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).isEqualTo(fieldNames(fixture("entra/error-70021.json")));
        assertThat(body.get("error_codes").get(0).asLong()).isEqualTo(82001);
        assertThat(body.get("correlation_id").asText()).isEqualTo("6a1d1a3e-0000-4000-8000-00000000c0de");
        assertThat(body.get("error_description").asText())
                .matches("AADSTS82001: .* Trace ID: [0-9a-f-]{36} Correlation ID: 6a1d1a3e-0000-4000-8000-00000000c0de"
                        + " Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body.get("error_uri").asText()).isEqualTo("https://login.microsoftonline.com/error?code=82001");
    }

    @Test
    void wrongSecretBodyMatchesTheRecordedEntraResponse() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + BLUEPRINT_APP_ID + "&client_secret=wrong&scope="
                + URLEncoder.encode(EXCHANGE_AUDIENCE + "/.default", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(entra.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode recorded = fixture("entra/error-7000215.json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body.get("error").asText()).isEqualTo(recorded.get("error").asText());
        String recordedText = recorded.get("error_description").asText().replace("00000000-0000-0000-0000-00000000b1e9",
                BLUEPRINT_APP_ID);
        assertThat(body.get("error_description").asText()).startsWith(
                recordedText.substring(0, recordedText.indexOf(" Trace ID:")));
    }

    @Test
    void tokenResponseCarriesEntrasFieldsAndTheConfiguredLifetimes() throws Exception {
        entra.tokenLifetime(Duration.ofHours(2)).refreshIn(Duration.ofMinutes(50));
        try {
            String form = "grant_type=client_credentials&client_id=" + BLUEPRINT_APP_ID + "&client_secret=" + BLUEPRINT_SECRET
                    + "&fmi_path=" + MAILER_AGENT_APP_ID + "&scope=" + URLEncoder.encode(EXCHANGE_AUDIENCE + "/.default", StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(entra.baseUrl() + "/contoso.onmicrosoft.com/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

            JsonNode body = JSON.readTree(response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            // Exactly the vendor sample's fields: a client-credentials answer carries no scope.
            assertThat(fieldNames(body)).isEqualTo(fieldNames(fixture("entra/token-response.json")));
            assertThat(body.get("expires_in").asLong()).isEqualTo(7200);
            assertThat(body.get("ext_expires_in").asLong()).isEqualTo(7200);
            assertThat(body.get("refresh_in").asLong()).isEqualTo(3000);
            var claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(entra.issuer(TENANT_ID));
            assertThat(claims.getClaims()).containsKeys("iat", "nbf", "exp", "uti", "tid", "oid", "azp")
                    .containsEntry("azpacr", "1").doesNotContainKey("appid");
        } finally {
            entra.tokenLifetime(Duration.ofSeconds(3599)).refreshIn(Duration.ofSeconds(1799));
        }
    }

    @Test
    void aUsersTokenForTheBlueprintCarriesTheUserAndTheBlueprintAudience() throws Exception {
        HttpResponse<String> response = token(Map.of("grant_type", "password", "client_id", PUBLIC_CLIENT_APP_ID,
                "username", USER_UPN, "password", USER_PASSWORD,
                "scope", "api://" + BLUEPRINT_APP_ID + "/.default"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        Map<String, Object> claims = claims(body.get("access_token").asText());
        assertThat(claims.get("aud").toString()).contains(BLUEPRINT_APP_ID);
        assertThat(claims).containsEntry("oid", USER_OID).containsEntry("idtyp", "user")
                .containsEntry("scp", "access_as_user");
        assertThat(claims.get("iss")).isEqualTo(entra.issuer(TENANT_ID));
    }

    @Test
    void aWrongPasswordIs50126AndAnUnknownClientIs700016() throws Exception {
        HttpResponse<String> wrong = token(Map.of("grant_type", "password", "client_id", PUBLIC_CLIENT_APP_ID,
                "username", USER_UPN, "password", "guess", "scope", BLUEPRINT_APP_ID + "/.default"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(wrong.body()).get("error_codes").get(0).asLong()).isEqualTo(50126);

        HttpResponse<String> unknownClient = token(Map.of("grant_type", "password", "client_id", "nobody",
                "username", USER_UPN, "password", USER_PASSWORD, "scope", BLUEPRINT_APP_ID + "/.default"));
        assertThat(JSON.readTree(unknownClient.body()).get("error_codes").get(0).asLong()).isEqualTo(700016);
    }

    private HttpResponse<String> token(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(entra.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(entra.baseUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = EntraEndpointsIT.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
