package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.SigningKey;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class GraphEmulatorIT {

    private static final String TENANT = "6f1a2b3c-0000-4000-8000-000000000001";
    private static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    private static final String AGENT_APP_ID = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String ADELE = "11111111-0000-0000-0000-00000000000a";
    private static final String ALEX = "11111111-0000-0000-0000-00000000000b";
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
    private final SigningKey tenantKey = SigningKey.generate("tenant-key-1");
    private final AtomicReference<String> publishedJwks = new AtomicReference<>(SigningKey.jwks(tenantKey));
    private GraphEmulator graph;

    @BeforeEach
    void start() {
        graph = GraphEmulator.start(Clock.fixed(NOW, ZoneOffset.UTC), Set.of(ISSUER), publishedJwks::get);
        graph.addUser(new GraphUser(ADELE, "AdeleV@contoso.com", "Adele Vance", "Adele", "Vance", "AdeleV@contoso.com", "Retail Manager"))
                .addUser(new GraphUser(ALEX, "AlexW@contoso.com", "Alex Wilber", "Alex", "Wilber", "AlexW@contoso.com", "Marketing Assistant"))
                .addUser(new GraphUser("11111111-0000-0000-0000-00000000000c", "adam@contoso.com", "Adam Smith", "Adam", "Smith", null, null));
        graph.addEvent(ADELE, new GraphEvent("ev-2", "Design review", NOW.plusSeconds(7200), NOW.plusSeconds(9000), "Room 2"))
                .addEvent(ADELE, new GraphEvent("ev-1", "Stand-up", NOW.plusSeconds(600), NOW.plusSeconds(1500), null))
                .addEvent(ADELE, new GraphEvent("ev-old", "Last week", NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofDays(7)).plusSeconds(600), null));
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void listsUsersForAnAppTokenWithUserReadAll() throws Exception {
        HttpResponse<String> r = get("/v1.0/users", appToken("User.Read.All"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("@odata.context").asText()).endsWith("/v1.0/$metadata#users");
        assertThat(body.path("value")).hasSize(3);
        assertThat(body.path("value").get(0).path("userPrincipalName").asText()).isEqualTo("AdeleV@contoso.com");
        assertThat(r.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void pagesWithTopAndANextLinkThatWorks() throws Exception {
        JsonNode first = JSON.readTree(get("/v1.0/users?$top=2&$select=displayName", appToken("User.Read.All")).body());
        String next = first.path("@odata.nextLink").asText();
        JsonNode second = JSON.readTree(getUrl(URI.create(next), appToken("User.Read.All")).body());

        assertThat(first.path("value")).hasSize(2);
        assertThat(first.path("value").get(0).toString()).isEqualTo("{\"displayName\":\"Adele Vance\"}");
        assertThat(second.path("value")).hasSize(1);
        assertThat(second.path("value").get(0).path("displayName").asText()).isEqualTo("Adam Smith");
        assertThat(second.has("@odata.nextLink")).isFalse();
    }

    @Test
    void filtersWithStartswithAndEq() throws Exception {
        JsonNode starts = JSON.readTree(get("/v1.0/users?$filter=" + enc("startswith(displayName,'ad')"), appToken("User.Read.All")).body());
        JsonNode eq = JSON.readTree(get("/v1.0/users?$filter=" + enc("mail eq 'alexw@contoso.com'"), appToken("User.Read.All")).body());
        HttpResponse<String> bad = get("/v1.0/users?$filter=" + enc("contains(displayName,'a')"), appToken("User.Read.All"));

        assertThat(starts.path("value").findValuesAsText("displayName")).containsExactly("Adele Vance", "Adam Smith");
        assertThat(eq.path("value").findValuesAsText("id")).containsExactly(ALEX);
        assertGraphError(bad, 400, "Request_UnsupportedQuery");
    }

    @Test
    void searchNeedsConsistencyLevelEventual() throws Exception {
        String path = "/v1.0/users?$search=" + enc("\"displayName:wil\"");
        HttpResponse<String> without = get(path, appToken("User.Read.All"));
        HttpResponse<String> with = send(HttpRequest.newBuilder(graph.baseUrl().resolve(path))
                .header("Authorization", "Bearer " + appToken("User.Read.All")).header("ConsistencyLevel", "eventual").GET());

        assertGraphError(without, 400, "Request_UnsupportedQuery");
        assertThat(JSON.readTree(without.body()).path("error").path("message").asText()).contains("ConsistencyLevel: eventual");
        assertThat(JSON.readTree(with.body()).path("value").findValuesAsText("displayName")).containsExactly("Alex Wilber");
    }

    @Test
    void refusesAnInvalidTopAndAnUnknownSelectProperty() throws Exception {
        assertGraphError(get("/v1.0/users?$top=0", appToken("User.Read.All")), 400, "Request_BadRequest");
        HttpResponse<String> select = get("/v1.0/users?$select=password", appToken("User.Read.All"));

        assertGraphError(select, 400, "Request_BadRequest");
        assertThat(select.body()).contains("Could not find a property named 'password' on type 'microsoft.graph.user'.");
    }

    @Test
    void getsAUserByIdOrUpnCaseInsensitivelyOnV1AndBeta() throws Exception {
        JsonNode byUpn = JSON.readTree(get("/v1.0/users/adelev%40contoso.com", appToken("User.Read.All")).body());
        JsonNode byId = JSON.readTree(get("/beta/users/" + ALEX + "?$select=id,jobTitle", appToken("User.Read.All")).body());

        assertThat(byUpn.path("id").asText()).isEqualTo(ADELE);
        assertThat(byUpn.path("@odata.context").asText()).endsWith("/v1.0/$metadata#users/$entity");
        assertThat(byId.path("jobTitle").asText()).isEqualTo("Marketing Assistant");
        assertThat(byId.has("displayName")).isFalse();
    }

    @Test
    void answersNotFoundInGraphsErrorShape() throws Exception {
        HttpResponse<String> r = get("/v1.0/users/nobody%40contoso.com", appToken("User.Read.All"));

        JsonNode error = assertGraphError(r, 404, "Request_ResourceNotFound");
        assertThat(error.path("message").asText()).isEqualTo("Resource 'nobody@contoso.com' does not exist or one of its "
                + "queried reference-property objects are not present.");
        assertThat(error.path("innerError").path("date").asText()).isEqualTo(NOW.toString());
        assertThat(error.path("innerError").path("request-id").asText()).hasSize(36);
    }

    @Test
    void meNeedsADelegatedToken() throws Exception {
        HttpResponse<String> app = get("/v1.0/me", appToken("User.Read.All"));
        JsonNode me = JSON.readTree(get("/v1.0/me", delegatedToken(ADELE, "User.Read openid profile")).body());

        assertGraphError(app, 400, "BadRequest");
        assertThat(me.path("userPrincipalName").asText()).isEqualTo("AdeleV@contoso.com");
    }

    @Test
    void refusesTokensGraphWouldRefuse() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(graph.baseUrl().resolve("/v1.0/users")).GET());
        String wrongAudience = token(c -> c.audience("api://some-other-api").claim("roles", List.of("User.Read.All")));
        String expired = token(c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(6)))).claim("roles", List.of("User.Read.All")));
        String foreignIssuer = token(c -> c.issuer("https://login.microsoftonline.com/other-tenant/v2.0").claim("roles", List.of("User.Read.All")));
        String forged = SigningKey.generate("tenant-key-1").sign(claims(c -> c.claim("roles", List.of("User.Read.All"))));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(c -> c.claim("roles", List.of("User.Read.All"))));
        hmac.sign(new MACSigner(new byte[32]));

        assertThat(assertGraphError(none, 401, "InvalidAuthenticationToken").path("message").asText()).isEqualTo("Access token is empty.");
        assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer realm=");
        assertThat(message(get("/v1.0/users", wrongAudience), 401)).contains("Invalid audience");
        assertThat(message(get("/v1.0/users", expired), 401)).contains("the token is expired");
        assertThat(message(get("/v1.0/users", foreignIssuer), 401)).contains("Invalid issuer");
        assertThat(message(get("/v1.0/users", forged), 401)).contains("Invalid signature");
        assertThat(message(get("/v1.0/users", hmac.serialize()), 401)).contains("Invalid signing algorithm");
        assertThat(message(get("/v1.0/users", "not-a-jwt"), 401)).contains("not well formed");
    }

    @Test
    void toleratesFiveMinutesOfClockSkew() throws Exception {
        String recentlyExpired = token(c -> c.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(4)))).claim("roles", List.of("User.Read.All")));

        assertThat(get("/v1.0/users", recentlyExpired).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesATokenWithoutTheRightRole() throws Exception {
        HttpResponse<String> r = get("/v1.0/users", appToken("Mail.Send"));

        JsonNode error = assertGraphError(r, 403, "Authorization_RequestDenied");
        assertThat(error.path("message").asText()).isEqualTo("Insufficient privileges to complete the operation.");
    }

    @Test
    void acceptsTokensSignedWithARolledKeyAfterRefetchingTheJwks() throws Exception {
        assertThat(get("/v1.0/users", appToken("User.Read.All")).statusCode()).isEqualTo(200);
        SigningKey rolled = SigningKey.generate("tenant-key-2");
        publishedJwks.set(SigningKey.jwks(rolled, tenantKey));

        String token = rolled.sign(claims(c -> c.claim("roles", List.of("User.Read.All"))));

        assertThat(get("/v1.0/users", token).statusCode()).isEqualTo(200);
    }

    @Test
    void calendarViewReturnsTheEventsInTheWindowInOrder() throws Exception {
        String path = "/v1.0/users/" + ADELE + "/calendarView?startDateTime=2026-01-15T00:00:00Z&endDateTime=2026-01-16T00:00:00Z";

        JsonNode view = JSON.readTree(get(path, appToken("Calendars.Read")).body());
        HttpResponse<String> noRole = get(path, appToken("User.Read.All"));
        HttpResponse<String> noWindow = get("/v1.0/users/" + ADELE + "/calendarView", appToken("Calendars.Read"));

        assertThat(view.path("value").findValuesAsText("id")).containsExactly("ev-1", "ev-2");
        assertThat(view.path("value").get(0).path("start").path("dateTime").asText()).isEqualTo("2026-01-15T10:10:00.0000000");
        assertGraphError(noRole, 403, "ErrorAccessDenied");
        assertGraphError(noWindow, 400, "ErrorInvalidParameter");
    }

    @Test
    void delegatedTokensReachOnlyTheirOwnCalendar() throws Exception {
        String window = "/calendarView?startDateTime=2026-01-15T00:00:00&endDateTime=2026-01-16T00:00:00";

        assertThat(get("/v1.0/me" + window, delegatedToken(ADELE, "Calendars.Read")).statusCode()).isEqualTo(200);
        assertGraphError(get("/v1.0/users/" + ADELE + window, delegatedToken(ALEX, "Calendars.Read")), 403, "ErrorAccessDenied");
    }

    @Test
    void sendMailValidatesTheMessageAndRecordsIt() throws Exception {
        String message = "{\"message\":{\"subject\":\"Hello\",\"body\":{\"contentType\":\"html\",\"content\":\"<b>hi</b>\"},"
                + "\"toRecipients\":[{\"emailAddress\":{\"address\":\"AlexW@contoso.com\"}}]},\"saveToSentItems\":false}";

        HttpResponse<String> r = post("/v1.0/users/" + ADELE + "/sendMail", appToken("Mail.Send"), message);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        assertThat(graph.sentMail()).singleElement().satisfies(m -> {
            assertThat(m.fromUserId()).isEqualTo(ADELE);
            assertThat(m.subject()).isEqualTo("Hello");
            assertThat(m.contentType()).isEqualTo("HTML");
            assertThat(m.toRecipients()).containsExactly("AlexW@contoso.com");
            assertThat(m.saveToSentItems()).isFalse();
            assertThat(m.sentAt()).isEqualTo(NOW);
        });
    }

    @Test
    void sendMailRefusesBadMessagesAndMissingPermission() throws Exception {
        String send = "/v1.0/users/" + ADELE + "/sendMail";
        String badRecipient = "{\"message\":{\"toRecipients\":[{\"emailAddress\":{\"address\":\"not-an-address\"}}]}}";

        assertGraphError(post(send, appToken("Mail.Send"), "{\"message\":"), 400, "RequestBodyRead");
        assertGraphError(post(send, appToken("Mail.Send"), "{\"subject\":\"x\"}"), 400, "ErrorInvalidParameter");
        assertGraphError(post(send, appToken("Mail.Send"), "{\"message\":{\"subject\":\"x\"}}"), 400, "ErrorInvalidRecipients");
        assertGraphError(post(send, appToken("Mail.Send"), badRecipient), 400, "ErrorInvalidRecipients");
        assertGraphError(post(send, appToken("User.Read.All"), badRecipient), 403, "ErrorAccessDenied");
        assertGraphError(post(send, delegatedToken(ALEX, "Mail.Send"), badRecipient), 403, "ErrorAccessDenied");
        assertGraphError(get(send, appToken("Mail.Send")), 405, "Request_BadRequest");
        assertThat(graph.sentMail()).isEmpty();
    }

    @Test
    void servesBlueprintsAndTheirFederatedCredentialsOnBeta() throws Exception {
        graph.seededApplications().addBlueprint("bp-object-1", "bp-app-1", "Mail agents blueprint")
                .addFederatedIdentityCredential("bp-object-1", "aws-role", "https://abc.tokens.sts.global.api.aws",
                        "arn:aws:iam::123456789012:role/agent", "api://AzureADTokenExchange")
                .add("plain-app", Map.of("appId", "plain-app-id", "displayName", "Not a blueprint"));
        String token = appToken("AgentIdentityBlueprint.Read.All");

        JsonNode app = JSON.readTree(get("/beta/applications/bp-object-1", token).body());
        JsonNode fics = JSON.readTree(get("/beta/applications/bp-object-1/federatedIdentityCredentials", token).body());
        JsonNode cast = JSON.readTree(get("/beta/applications/bp-object-1/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials", token).body());

        assertThat(app.path("appId").asText()).isEqualTo("bp-app-1");
        assertThat(app.path("@odata.type").asText()).isEqualTo("#microsoft.graph.agentIdentityBlueprint");
        assertThat(fics.path("value").get(0).path("subject").asText()).isEqualTo("arn:aws:iam::123456789012:role/agent");
        assertThat(cast.path("value")).isEqualTo(fics.path("value"));
        assertGraphError(get("/beta/applications/plain-app/microsoft.graph.agentIdentityBlueprint", token), 404, "Request_ResourceNotFound");
        assertGraphError(get("/beta/applications/unknown", token), 404, "Request_ResourceNotFound");
        assertGraphError(get("/beta/applications/bp-object-1", appToken("User.Read.All")), 403, "Authorization_RequestDenied");
    }

    @Test
    void fetchesTheIssuersJwksOverHttps() throws Exception {
        try (OidcIssuerEmulator tenant = OidcIssuerEmulator.start("tenant", Clock.systemUTC());
             GraphEmulator fetching = GraphEmulator.start(Clock.systemUTC(), Set.of(tenant.issuer()), tenant.jwksUri())) {
            fetching.addUser(new GraphUser(ADELE, "AdeleV@contoso.com", "Adele Vance", null, null, null, null));
            String token = tenant.mint(AGENT_APP_ID, "https://graph.microsoft.com", Duration.ofMinutes(5),
                    Map.of("roles", List.of("User.Read.All"), "azp", AGENT_APP_ID, "idtyp", "app"));

            HttpResponse<String> r = send(HttpRequest.newBuilder(fetching.baseUrl().resolve("/v1.0/users/" + ADELE))
                    .header("Authorization", "Bearer " + token).GET());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(tenant.requests()).extracting(x -> x.path()).containsExactly("/tenant/.well-known/jwks.json");
        }
    }

    private String appToken(String... roles) {
        return token(c -> c.claim("roles", List.of(roles)).claim("idtyp", "app"));
    }

    private String delegatedToken(String userId, String scp) {
        return token(c -> c.claim("scp", scp).claim("oid", userId).claim("idtyp", "user"));
    }

    private String token(Consumer<JWTClaimsSet.Builder> customise) {
        return tenantKey.sign(claims(customise));
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> customise) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience("00000003-0000-0000-c000-000000000000")
                .subject(AGENT_APP_ID).claim("azp", AGENT_APP_ID).claim("tid", TENANT)
                .issueTime(Date.from(NOW.minusSeconds(60))).notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
        customise.accept(b);
        return b.build();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return getUrl(graph.baseUrl().resolve(path), token);
    }

    private HttpResponse<String> getUrl(URI uri, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(graph.baseUrl().resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertGraphError(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("innerError").has("request-id")).isTrue();
        return error;
    }

    private static String message(HttpResponse<String> r, int status) throws Exception {
        return assertGraphError(r, status, status == 401 ? "InvalidAuthenticationToken" : "Authorization_RequestDenied")
                .path("message").asText();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
