package dev.entrabridge.graph;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.emulator.http.SigningKey;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Graph's real error bodies become diagnoses that say what to grant, fix or wait for. */
class GraphFailuresTest {

    private static final String AGENT = "a9e17002-0000-4000-8000-0000000a9e18";
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final SigningKey KEY = SigningKey.generate("graph-failures");
    private static final GraphSettings SETTINGS = GraphSettings.defaultsFor(List.of());

    private static String appToken(String... roles) {
        return KEY.sign(new JWTClaimsSet.Builder().audience("https://graph.microsoft.com").claim("azp", AGENT)
                .claim("idtyp", "app").claim("roles", List.of(roles)).expirationTime(Date.from(NOW.plusSeconds(3600))).build());
    }

    private static String delegatedToken(String scp) {
        return KEY.sign(new JWTClaimsSet.Builder().audience("https://graph.microsoft.com").claim("azp", AGENT)
                .claim("scp", scp).claim("oid", "a11ce000-0000-4000-8000-0000000a11ce").build());
    }

    private static GraphCall call(GraphOperation operation, String token) {
        return new GraphCall(operation, "user AdeleV@contoso.com", operation.permission(), token, NOW.plusSeconds(10));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = GraphFailuresTest.class.getResourceAsStream("/graph/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static GraphException answer(GraphCall call, int status, String body, Map<String, List<String>> headers) {
        return GraphFailures.answer(call, SETTINGS, status, body, headers, NOW);
    }

    @Test
    void aDirectory403NamesTheApplicationPermissionAndWhatTheTokenCarries() throws IOException {
        GraphException e = answer(call(GraphOperation.GET_USER, appToken()), 403,
                fixture("error-403-authorization-request-denied.json"), Map.of());

        assertThat(e.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_FORBIDDEN");
        assertThat(e.diagnosis().cause()).isEqualTo("Microsoft Graph refused to read the user (user AdeleV@contoso.com) "
                + "for agent identity " + AGENT + " (403 Authorization_RequestDenied: Insufficient privileges to complete "
                + "the operation.; request-id 4c1f0a9e-6b1d-4c6a-9a51-2f7d0e1b3c55); its app-only token carries no Graph "
                + "permission.");
        assertThat(e.diagnosis().remedy()).startsWith("Grant agent identity " + AGENT
                + " the Microsoft Graph application permission User.Read.All (with admin consent)");
        assertThat(e.graphStatus()).hasValue(403);
        assertThat(e.graphErrorCode()).contains("Authorization_RequestDenied");
        assertThat(e.requestId()).contains("4c1f0a9e-6b1d-4c6a-9a51-2f7d0e1b3c55");
    }

    @Test
    void aMailbox403NamesThePermissionOfThatOperation() throws IOException {
        GraphException calendar = answer(call(GraphOperation.CALENDAR_VIEW, appToken("User.Read.All")), 403,
                fixture("error-403-error-access-denied.json"), Map.of());
        GraphException mail = answer(call(GraphOperation.SEND_MAIL, appToken("User.Read.All")), 403,
                fixture("error-403-error-access-denied.json"), Map.of());

        assertThat(calendar.diagnosis().remedy()).contains("application permission Calendars.Read");
        assertThat(calendar.diagnosis().cause()).contains("ErrorAccessDenied", "token carries User.Read.All");
        assertThat(mail.diagnosis().remedy()).contains("application permission Mail.Send");
    }

    @Test
    void aDelegatedTokenIsToldToConsentTheDelegatedPermission() throws IOException {
        GraphException e = answer(call(GraphOperation.SEARCH_USERS, delegatedToken("User.Read openid")), 403,
                fixture("error-403-authorization-request-denied.json"), Map.of());

        assertThat(e.diagnosis().cause()).contains("its delegated token carries User.Read, openid");
        assertThat(e.diagnosis().remedy()).startsWith("Consent the Microsoft Graph delegated permission User.ReadBasic.All");
    }

    @Test
    void aMailbox403DespiteThePermissionPointsAtTheApplicationAccessPolicy() throws IOException {
        GraphException e = answer(call(GraphOperation.SEND_MAIL, appToken("Mail.Send")), 403,
                fixture("error-403-error-access-denied.json"), Map.of());

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_MAILBOX_ACCESS_DENIED");
        assertThat(e.diagnosis().remedy()).contains("already carries Mail.Send", "application access policy");
    }

    @Test
    void aGenericGetWithoutAKnownPermissionSaysToLookItUp() throws IOException {
        GraphCall call = new GraphCall(GraphOperation.GET, "/v1.0/reports/x", null, "opaque-token", NOW);

        GraphException e = answer(call, 403, fixture("error-403-authorization-request-denied.json"), Map.of());

        assertThat(e.diagnosis().cause()).contains("for the agent identity").doesNotContain("token carries");
        assertThat(e.diagnosis().remedy()).contains("the Graph API reference lists for this request");
    }

    @Test
    void throttlingCarriesRetryAfterInFractionalSecondsOrAsADate() throws IOException {
        GraphException seconds = answer(call(GraphOperation.GET_USER, appToken()), 429,
                fixture("error-429-too-many-requests.json"), Map.of("Retry-After", List.of("2.128")));
        GraphException date = answer(call(GraphOperation.GET_USER, appToken()), 429,
                fixture("error-429-too-many-requests.json"), Map.of("retry-after", List.of("Thu, 15 Jan 2026 10:00:30 GMT")));

        assertThat(seconds.diagnosis().category()).isEqualTo(Category.TRANSIENT);
        assertThat(seconds.diagnosis().code()).isEqualTo("GRAPH_THROTTLED");
        assertThat(seconds.retryAfter()).contains(Duration.ofMillis(2128));
        assertThat(seconds.diagnosis().remedy()).startsWith("Wait 3 seconds and try again");
        assertThat(seconds.diagnosis().cause()).contains("429 TooManyRequests: Please retry again later.");
        assertThat(date.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void notFoundAndNoMailboxSayWhatToCheck() throws IOException {
        GraphException missing = answer(call(GraphOperation.GET_USER, appToken()), 404,
                fixture("error-404-resource-not-found.json"), Map.of());
        GraphException noMailbox = answer(call(GraphOperation.CALENDAR_VIEW, appToken("Calendars.Read")), 404,
                fixture("error-404-mailbox-not-enabled.json"), Map.of());

        assertThat(missing.diagnosis().category()).isEqualTo(Category.CALLER);
        assertThat(missing.diagnosis().code()).isEqualTo("GRAPH_NOT_FOUND");
        assertThat(missing.diagnosis().remedy()).contains("search users by name");
        assertThat(noMailbox.diagnosis().code()).isEqualTo("GRAPH_NO_MAILBOX");
        assertThat(noMailbox.diagnosis().cause()).contains("has no Exchange Online mailbox");
    }

    @Test
    void unauthorizedNamesTheScopeAndBadRequestQuotesGraph() throws IOException {
        GraphException unauthorized = answer(call(GraphOperation.GET_USER, appToken()), 401,
                fixture("error-401-invalid-token.json"), Map.of());
        GraphException bad = answer(call(GraphOperation.SEARCH_USERS, appToken()), 400,
                fixture("error-400-unsupported-query.json"), Map.of());

        assertThat(unauthorized.diagnosis().category()).isEqualTo(Category.CREDENTIAL);
        assertThat(unauthorized.diagnosis().cause()).contains("Invalid audience");
        assertThat(unauthorized.diagnosis().remedy()).contains("https://graph.microsoft.com/.default");
        assertThat(bad.diagnosis().code()).isEqualTo("GRAPH_BAD_REQUEST");
        assertThat(bad.diagnosis().cause()).contains("Request_UnsupportedQuery", "ConsistencyLevel: eventual");
    }

    @Test
    void anUnavailableGraphWithAPlainBodyIsTransient() {
        GraphException e = answer(call(GraphOperation.GET_USER, appToken()), 503, "Service Unavailable",
                Map.of("Retry-After", List.of("7")));

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_UNAVAILABLE");
        assertThat(e.diagnosis().cause()).contains("(503)");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.graphErrorCode()).isEmpty();
    }

    @Test
    void aMessageEchoingTheTokenNeverCarriesIt() {
        String token = appToken("User.Read.All");
        String body = "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Bad header Bearer " + token + "\\nnext line\"}}";

        GraphException e = answer(call(GraphOperation.GET_USER, token), 400, body, Map.of());

        assertThat(e.diagnosis().cause()).contains("Bad header Bearer <token> next line").doesNotContain(token);
        assertThat(e.getMessage()).doesNotContain(token);
    }

    @Test
    void transportFailuresSayWhichSettingHelps() {
        GraphCall call = call(GraphOperation.GET_USER, appToken());

        GraphException timeout = GraphFailures.transport(call, SETTINGS,
                new DownstreamException(DownstreamException.Reason.TIMEOUT, "slow"));
        GraphException unreachable = GraphFailures.transport(call, SETTINGS,
                new DownstreamException(DownstreamException.Reason.UNREACHABLE, "ConnectException"));

        assertThat(timeout.diagnosis().code()).isEqualTo("GRAPH_TIMEOUT");
        assertThat(timeout.diagnosis().remedy()).contains("BRIDGE_GRAPH_TIMEOUT_MS (now 10000)");
        assertThat(unreachable.diagnosis().remedy()).contains("BRIDGE_GRAPH_BASE_URL", "BRIDGE_TRUSTED_CA_FILE");
        assertThat(unreachable.graphStatus()).isEmpty();
    }
}
