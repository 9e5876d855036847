package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.PUBLIC_CLIENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_PASSWORD;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static org.assertj.core.api.Assertions.assertThat;

/** The password (ROPC) grant the demo uses to give a user a token for the blueprint, as curl sends it. */
class EntraPasswordGrantIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmulatedCloud cloud;
    private static EntraEmulator entra;
    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        cloud = EmulatedCloud.builder().demoPeople().start();
        entra = cloud.entra();
    }

    @AfterAll
    static void stop() {
        cloud.close();
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
}
