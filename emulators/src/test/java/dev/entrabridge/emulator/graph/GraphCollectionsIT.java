package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query rules the core's Graph operations rely on, on the emulated cloud's Graph with tokens
 * its Entra issued: {@code $filter} with and/or and doubled quotes, calendarView paging by
 * {@code $skip} with {@code $select}/{@code $orderby}, repeated options, mailbox-less users and
 * Graph's throttling answer.
 */
class GraphCollectionsIT {

    private static final Instant DAY = Instant.parse("2026-01-15T00:00:00Z");
    private static final String NO_MAILBOX = "b0b00000-0000-4000-8000-00000000b0b0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
    private EmulatedCloud cloud;
    private GraphEmulator graph;
    private String token;

    @BeforeEach
    void start() {
        cloud = EmulatedCloud.start(Clock.systemUTC());
        graph = cloud.graph();
        graph.addUser(new GraphUser("11111111-0000-4000-8000-00000000000a", "AdeleV@contoso.com", "Adele Vance", "Adele",
                        "Vance", "AdeleV@contoso.com", "Retail Manager"))
                .addUser(new GraphUser("11111111-0000-4000-8000-00000000000b", "miles@contoso.com", "Miles O'Brien", "Miles",
                        "O'Brien", "obrien@contoso.com", null))
                .addUser(new GraphUser(NO_MAILBOX, "bob@contoso.com", "Bob Onprem", null, null, null, null));
        for (int i = 0; i < 12; i++) {
            graph.addEvent(USER_OID, new GraphEvent("ev-" + i, "Meeting " + i, DAY.plusSeconds(3600L * i),
                    DAY.plusSeconds(3600L * i + 1800), i % 2 == 0 ? "Room " + i : null));
        }
        token = cloud.entra().mintUserToken(TENANT_ID, USER_OID, GRAPH, Set.of("User.Read.All", "Calendars.Read"),
                Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void filtersWithOrAndParenthesesAndDoubledQuotes() throws Exception {
        JsonNode either = body(get("/v1.0/users?$filter=" + enc("startswith(displayName,'miles o''b') or startswith(mail,'adele')")));
        JsonNode both = body(get("/v1.0/users?$filter=" + enc("(startswith(displayName,'A')) and startswith(mail,'adelev@')")));
        JsonNode literalOr = body(get("/v1.0/users?$filter=" + enc("startswith(displayName,'Adele or Miles')")));

        assertThat(either.path("value").findValuesAsText("displayName")).containsExactlyInAnyOrder("Adele Vance", "Miles O'Brien");
        assertThat(both.path("value").findValuesAsText("displayName")).containsExactly("Adele Vance");
        assertThat(literalOr.path("value")).isEmpty();
    }

    @Test
    void anUndoubledQuoteIsASyntaxErrorAsInGraph() throws Exception {
        HttpResponse<String> r = get("/v1.0/users?$filter=" + enc("startswith(displayName,'O'Brien')"));

        assertThat(error(r, 400, "BadRequest").path("message").asText())
                .isEqualTo("Syntax error: character 'B' is not valid at position 26 in 'startswith(displayName,'O'Brien')'.");
    }

    @Test
    void refusesARepeatedOptionAndAnOverlongStartswith() throws Exception {
        HttpResponse<String> repeated = get("/v1.0/users?$top=1&$top=2");
        HttpResponse<String> overlong = get("/v1.0/users?$filter=" + enc("startswith(displayName,'" + "a".repeat(121) + "')"));

        assertThat(error(repeated, 400, "BadRequest").path("message").asText())
                .isEqualTo("Query option '$top' was specified more than once, but it must be specified at most once.");
        assertThat(error(overlong, 400, "Request_UnsupportedQuery").path("message").asText())
                .isEqualTo("Unsupported or invalid query filter clause specified for property 'displayName' of resource 'User'.");
    }

    @Test
    void calendarViewPagesByTenWithSkipLinksThatKeepTheWindow() throws Exception {
        String window = "/v1.0/users/" + USER_OID + "/calendarView?startDateTime=2026-01-15T00:00:00Z"
                + "&endDateTime=2026-01-16T00:00:00Z";

        JsonNode first = body(get(window));
        String next = first.path("@odata.nextLink").asText();
        JsonNode second = body(send(URI.create(next)));

        assertThat(first.path("value")).hasSize(10);
        assertThat(first.path("value").get(0).path("@odata.etag").asText()).startsWith("W/\"");
        assertThat(next).startsWith(graph.baseUrl() + "/v1.0/users/" + USER_OID + "/calendarView?")
                .contains("startDateTime=2026-01-15T00%3A00%3A00Z").endsWith("$skip=10");
        assertThat(second.path("value").findValuesAsText("id")).containsExactly("ev-10", "ev-11");
        assertThat(second.has("@odata.nextLink")).isFalse();
    }

    @Test
    void calendarViewSelectsAndOrdersAsAsked() throws Exception {
        String window = "/v1.0/users/" + USER_OID + "/calendarView?startDateTime=2026-01-15T00:00:00Z"
                + "&endDateTime=2026-01-16T00:00:00Z";

        JsonNode latest = body(get(window + "&$select=subject&$orderby=" + enc("start/dateTime desc") + "&$top=2"));
        HttpResponse<String> unknown = get(window + "&$select=organizer");

        assertThat(latest.path("value").get(0).toString()).matches("\\{\"@odata.etag\":\"W/\\\\\"[^\"]+\\\\\"\","
                + "\"id\":\"ev-11\",\"subject\":\"Meeting 11\"}");
        assertThat(latest.path("value").get(1).path("id").asText()).isEqualTo("ev-10");
        assertThat(error(unknown, 400, "BadRequest").path("message").asText())
                .isEqualTo("Could not find a property named 'organizer' on type 'microsoft.graph.event'.");
    }

    @Test
    void aUserWithoutAMailboxHasNoCalendar() throws Exception {
        String own = cloud.entra().mintUserToken(TENANT_ID, NO_MAILBOX, GRAPH, Set.of("Calendars.Read"), Duration.ofMinutes(5));

        HttpResponse<String> r = send(HttpRequest.newBuilder(graph.baseUrl().resolve("/v1.0/users/" + NO_MAILBOX
                + "/calendarView?startDateTime=2026-01-15T00:00:00Z&endDateTime=2026-01-16T00:00:00Z"))
                .header("Authorization", "Bearer " + own).GET().build());

        assertThat(error(r, 404, "MailboxNotEnabledForRESTAPI").path("message").asText())
                .isEqualTo("The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
    }

    @Test
    void throttlesWithGraphsAnswerAndRetryAfter() throws Exception {
        graph.throttleNext(1, Duration.ofSeconds(3));

        HttpResponse<String> throttled = get("/v1.0/users");
        HttpResponse<String> after = get("/v1.0/users");

        assertThat(error(throttled, 429, "TooManyRequests").path("message").asText()).isEqualTo("Please retry again later.");
        assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(graph.baseUrl().resolve(path));
    }

    private HttpResponse<String> send(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode error(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("innerError").path("request-id").asText()).hasSize(36);
        return error;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
