package dev.entrabridge.graph;

import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A Graph that answers with hostile, broken or slow pages: next links to another host, another port
 * or another version are not followed (the token stays home), non-JSON answers and redirects say to
 * check the base URL, and an answer later than the operation's deadline is a timeout.
 */
class MisbehavingGraphIT {

    private final HttpClient http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicReference<String> nextLink = new AtomicReference<>();
    private EmulatorServer graph;
    private EmulatorServer elsewhere;
    private GraphOperations operations;

    @BeforeEach
    void start() {
        elsewhere = EmulatorServer.https("elsewhere", Clock.systemUTC())
                .route("/", r -> EmulatorResponse.json(200, "{\"value\":[{\"displayName\":\"Stolen\"}]}")).start();
        graph = EmulatorServer.https("rogue-graph", Clock.systemUTC())
                .route("/v1.0/users", r -> EmulatorResponse.json(200, "{\"value\":[{\"displayName\":\"Adele Vance\"}]"
                        + (nextLink.get() == null ? "" : ",\"@odata.nextLink\":\"" + nextLink.get() + "\"") + "}"))
                .route("/v1.0/html", r -> EmulatorResponse.of(200, "text/html", "<html>proxy login</html>"))
                .route("/v1.0/moved", r -> EmulatorResponse.text(302, "").withHeader("Location", elsewhere.baseUrl() + "/v1.0/x"))
                .start();
        GraphSettings settings = GraphSettings.defaultsFor(List.of()).withBaseUrl(graph.baseUrl())
                .withAllowedPaths(List.of("/users", "/html", "/moved"));
        operations = new GraphOperations(http, settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        graph.close();
        elsewhere.close();
    }

    @Test
    void nextLinksLeavingGraphsOriginOrVersionAreNotFollowed() {
        for (String link : List.of(elsewhere.baseUrl() + "/v1.0/users?$skiptoken=1",
                graph.baseUrl().toString().replace("127.0.0.1", "localhost") + "/v1.0/users?$skiptoken=1",
                graph.baseUrl() + "/beta/users?$skiptoken=1", graph.baseUrl() + "/v1.0/users/%2e%2e/%2e%2e/beta?$skiptoken=1",
                "http://" + graph.baseUrl().getRawAuthority() + "/v1.0/users?$skiptoken=1")) {
            nextLink.set(link);

            GraphResult r = operations.get(() -> "opaque-token", "users");

            assertThat(r.json()).as(link).isEqualTo("{\"value\":[{\"displayName\":\"Adele Vance\"}],\"truncated\":true}");
        }
        assertThat(elsewhere.requests()).isEmpty();
        assertThat(graph.requests()).hasSize(5);
    }

    @Test
    void aSameOriginNextLinkIsFollowed() {
        nextLink.set(graph.baseUrl() + "/v1.0/users?$skiptoken=page2");

        GraphResult r = operations.searchUsers(() -> "opaque-token", new UserSearch("Adele", 2));

        assertThat(r.count()).isEqualTo(2);
        assertThat(r.truncated()).isTrue();
        assertThat(graph.requests()).hasSize(2);
        assertThat(graph.requests().get(1).rawQuery()).isEqualTo("$skiptoken=page2");
        assertThat(graph.requests().get(1).header("Authorization")).contains("Bearer opaque-token");
    }

    @Test
    void aNonJsonAnswerOrARedirectSaysToCheckTheBaseUrl() {
        GraphException html = catchThrowableOfType(() -> operations.get(() -> "opaque-token", "html"), GraphException.class);
        GraphException moved = catchThrowableOfType(() -> operations.get(() -> "opaque-token", "moved"), GraphException.class);

        assertThat(html.diagnosis().code()).isEqualTo("GRAPH_INVALID_RESPONSE");
        assertThat(html.diagnosis().cause()).contains("is not JSON (text/html)");
        assertThat(html.diagnosis().remedy()).contains("BRIDGE_GRAPH_BASE_URL");
        assertThat(moved.diagnosis().code()).isEqualTo("GRAPH_REDIRECTED");
        assertThat(elsewhere.requests()).isEmpty();
    }

    @Test
    void anAnswerLaterThanTheDeadlineIsATimeout() {
        graph.faults().latency(Duration.ofMillis(400));
        GraphOperations impatient = new GraphOperations(http, GraphSettings.defaultsFor(List.of())
                .withBaseUrl(graph.baseUrl()).withTimeout(Duration.ofMillis(150)), Clock.systemUTC());

        GraphException e = catchThrowableOfType(() -> impatient.getUser(() -> "opaque-token",
                UserLookup.of("AdeleV@contoso.com")), GraphException.class);

        assertThat(e.diagnosis().code()).isEqualTo("GRAPH_TIMEOUT");
        assertThat(e.diagnosis().remedy()).contains("BRIDGE_GRAPH_TIMEOUT_MS (now 150)");
    }

    @Test
    void aClientThatFollowsRedirectsIsRefused() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThat(catchThrowableOfType(() -> new GraphOperations(following, GraphSettings.defaultsFor(List.of()),
                Clock.systemUTC()), IllegalArgumentException.class)).hasMessageContaining("Redirect.NEVER");
    }
}
