package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static dev.entrabridge.emulator.entra.EntraFixture.BLUEPRINT;
import static dev.entrabridge.emulator.entra.EntraFixture.TENANT;
import static dev.entrabridge.emulator.entra.EntraFixture.USER;
import static dev.entrabridge.emulator.entra.EntraFixture.claims;
import static dev.entrabridge.emulator.entra.EntraFixture.populate;
import static org.assertj.core.api.Assertions.assertThat;

/** The password (ROPC) grant the demo uses to give a user a token for the blueprint, as curl sends it. */
class EntraPasswordGrantIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_CLIENT = "3b1f0c2e-7d6a-4e5f-9a8b-0c1d2e3f4a5b";
    private static EntraEmulator entra;
    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        entra = EntraEmulator.start(Clock.systemUTC());
        populate(entra).password(USER, "Demo-Passw0rd!").publicClient(PUBLIC_CLIENT);
    }

    @AfterAll
    static void stop() {
        entra.close();
    }

    @Test
    void aUsersTokenForTheBlueprintCarriesTheUserAndTheBlueprintAudience() throws Exception {
        HttpResponse<String> response = token(Map.of("grant_type", "password", "client_id", PUBLIC_CLIENT,
                "username", "alice@contoso.onmicrosoft.com", "password", "Demo-Passw0rd!",
                "scope", "api://" + BLUEPRINT + "/.default"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        Map<String, Object> claims = claims(body.get("access_token").asText());
        assertThat(claims.get("aud").toString()).contains(BLUEPRINT);
        assertThat(claims).containsEntry("oid", USER).containsEntry("idtyp", "user").containsEntry("scp", "access_as_user");
        assertThat(claims.get("iss")).isEqualTo(entra.issuer(TENANT));
    }

    @Test
    void aWrongPasswordIs50126AndAnUnknownClientIs700016() throws Exception {
        HttpResponse<String> wrong = token(Map.of("grant_type", "password", "client_id", PUBLIC_CLIENT,
                "username", "alice@contoso.onmicrosoft.com", "password", "guess", "scope", BLUEPRINT + "/.default"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrong.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(wrong.body()).get("error_codes").get(0).asLong()).isEqualTo(50126);

        HttpResponse<String> unknownClient = token(Map.of("grant_type", "password", "client_id", "nobody",
                "username", "alice@contoso.onmicrosoft.com", "password", "Demo-Passw0rd!", "scope", BLUEPRINT + "/.default"));
        assertThat(JSON.readTree(unknownClient.body()).get("error_codes").get(0).asLong()).isEqualTo(700016);
    }

    private HttpResponse<String> token(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(entra.baseUrl() + "/" + TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
