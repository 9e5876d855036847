package dev.entrabridge.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.downstream.DownstreamException.Reason;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.graph.GraphUser;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Real HTTPS calls to the Graph emulator with a signed agent token, and the misbehaving-server cases. */
class DownstreamCallerIT {

    private static final String ISSUER = "https://login.microsoftonline.com/6f1a2b3c-0000-4000-8000-000000000001/v2.0";
    private static final String ADELE = "11111111-0000-0000-0000-00000000000a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningKey tenantKey = SigningKey.generate("tenant-key");
    private final DownstreamCaller caller = DownstreamCaller.create(EmulatorTls.clientContext(),
            new DownstreamLimits(Duration.ofSeconds(2), Duration.ofMillis(1500), 64 * 1024, 256 * 1024));
    private GraphEmulator graph;
    private EmulatorServer odd;
    private DownstreamApi graphApi;

    @BeforeEach
    void start() {
        graph = GraphEmulator.start(Clock.systemUTC(), Set.of(ISSUER), () -> SigningKey.jwks(tenantKey));
        graph.addUser(new GraphUser(ADELE, "AdeleV@contoso.com", "Adele Vance", "Adele", "Vance", "AdeleV@contoso.com", null));
        graphApi = new DownstreamApi("graph", graph.baseUrl(), List.of("https://graph.microsoft.com/.default"),
                List.of("/v1.0/users"));
        odd = EmulatorServer.http("odd-api", Clock.systemUTC())
                .route("/api/redirect", r -> EmulatorResponse.text(302, "moved").withHeader("Location", "https://evil.example.com/steal"))
                .route("/api/cookie", r -> EmulatorResponse.json(200, "{\"ok\":true}").withHeader("Set-Cookie", "session=s3cr3t")
                        .withHeader("ETag", "\"v1\""))
                .route("/api/big", r -> EmulatorResponse.text(200, "x".repeat(300 * 1024)))
                .route("/api/echo", r -> EmulatorResponse.json(200, "{\"auth\":\"" + r.header("Authorization").orElse("")
                        .startsWith("Bearer ") + "\",\"consistency\":\"" + r.header("ConsistencyLevel").orElse("") + "\"}"))
                .start();
    }

    @AfterEach
    void stop() {
        graph.close();
        odd.close();
    }

    @Test
    void listsUsersThroughGraphWithTheAgentToken() throws Exception {
        DownstreamResponse r = caller.call(graphApi, agentToken("User.Read.All"), DownstreamRequest.get("/v1.0/users?$top=1"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.content());
        assertThat(body.path("value").get(0).path("id").asText()).isEqualTo(ADELE);
        assertThat(r.headers().keySet()).contains("Content-Type", "Content-Length", "request-id");
        assertThat(graph.requests()).singleElement().satisfies(req -> {
            assertThat(req.header("Authorization")).get().asString().startsWith("Bearer ey");
            assertThat(req.header("Accept")).contains("application/json");
        });
    }

    @Test
    void reachesAUserByAnEncodedUpnAndSendsMail() throws Exception {
        DownstreamResponse user = caller.call(graphApi, agentToken("User.Read.All"),
                DownstreamRequest.get("/v1.0/users/adelev%40contoso.com"));
        DownstreamResponse mail = caller.call(graphApi, agentToken("Mail.Send"), DownstreamRequest.json("POST",
                "/v1.0/users/" + ADELE + "/sendMail", "{\"message\":{\"subject\":\"hi\",\"toRecipients\":"
                        + "[{\"emailAddress\":{\"address\":\"alex@contoso.com\"}}]}}"));

        assertThat(JSON.readTree(user.content()).path("displayName").asText()).isEqualTo("Adele Vance");
        assertThat(mail.statusCode()).isEqualTo(202);
        assertThat(mail.content()).isNull();
        assertThat(graph.sentMail()).singleElement().extracting(m -> m.subject()).isEqualTo("hi");
    }

    @Test
    void passesGraphsOwnRefusalBackAsAResponseNotAnError() throws Exception {
        DownstreamResponse r = caller.call(graphApi, agentToken("Mail.Send"), DownstreamRequest.get("/v1.0/users"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.content()).path("error").path("code").asText()).isEqualTo("Authorization_RequestDenied");
    }

    @Test
    void forwardsConsistencyLevelForSearch() throws Exception {
        DownstreamResponse r = caller.call(graphApi, agentToken("User.Read.All"),
                DownstreamRequest.get("/v1.0/users?$search=%22displayName:adele%22").withHeader("ConsistencyLevel", "eventual"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.content()).path("value")).hasSize(1);
    }

    @Test
    void sendsNothingForARefusedPath() {
        DownstreamException traversal = catchThrowableOfType(DownstreamException.class, () -> caller.call(graphApi,
                agentToken("User.Read.All"), DownstreamRequest.get("/v1.0/users/../../beta/applications")));
        DownstreamException outside = catchThrowableOfType(DownstreamException.class, () -> caller.call(graphApi,
                agentToken("User.Read.All"), DownstreamRequest.get("/beta/applications/x")));

        assertThat(traversal.reason()).isEqualTo(Reason.BAD_PATH);
        assertThat(outside.reason()).isEqualTo(Reason.PATH_NOT_ALLOWED);
        assertThat(graph.requests()).isEmpty();
    }

    @Test
    void refusesACallerSuppliedAuthorizationHeader() {
        DownstreamException e = catchThrowableOfType(DownstreamException.class, () -> caller.call(graphApi,
                agentToken("User.Read.All"), DownstreamRequest.get("/v1.0/users").withHeader("Authorization", "Bearer other")));

        assertThat(e.reason()).isEqualTo(Reason.BAD_HEADER);
        assertThat(graph.requests()).isEmpty();
    }

    @Test
    void returnsARedirectAsIsWithoutFollowingIt() {
        DownstreamResponse r = caller.call(oddApi(), "opaque-token", DownstreamRequest.get("/api/redirect"));

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().get("location")).containsExactly("https://evil.example.com/steal");
        assertThat(odd.requests()).hasSize(1);
    }

    @Test
    void dropsUnsafeResponseHeaders() {
        DownstreamResponse r = caller.call(oddApi(), "opaque-token", DownstreamRequest.get("/api/cookie"));

        assertThat(r.headers().keySet()).map(String::toLowerCase).contains("etag", "content-type").doesNotContain("set-cookie");
        assertThat(r.content()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void refusesAResponseOverTheCap() {
        DownstreamException e = catchThrowableOfType(DownstreamException.class,
                () -> caller.call(oddApi(), "opaque-token", DownstreamRequest.get("/api/big")));

        assertThat(e.reason()).isEqualTo(Reason.RESPONSE_TOO_LARGE);
        assertThat(e.reason().httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).contains("more than 262144 bytes");
    }

    @Test
    void timesOutASlowApi() {
        odd.faults().latency(Duration.ofSeconds(3));

        DownstreamException e = catchThrowableOfType(DownstreamException.class,
                () -> caller.call(oddApi(), "opaque-token", DownstreamRequest.get("/api/echo")));

        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer within 1500 ms").doesNotContain("opaque-token");
        odd.faults().reset();
    }

    @Test
    void reportsAnUnreachableApi() {
        URI closed = odd.baseUrl();
        odd.close();
        DownstreamApi gone = new DownstreamApi("gone", closed, List.of("api://gone/.default"), List.of("/api"));

        DownstreamException e = catchThrowableOfType(DownstreamException.class,
                () -> caller.call(gone, "opaque-token", DownstreamRequest.get("/api/echo")));

        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.getMessage()).contains("API 'gone' at " + closed + " could not be reached");
    }

    private DownstreamApi oddApi() {
        return new DownstreamApi("odd", odd.baseUrl(), List.of("api://odd/.default"), List.of("/api"));
    }

    private String agentToken(String role) {
        Instant now = Instant.now();
        return tenantKey.sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience("https://graph.microsoft.com")
                .subject("agent-oid").claim("azp", "agent-app-id").claim("idtyp", "app").claim("roles", List.of(role))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .build());
    }
}
