package dev.entrabridge.downstream;

import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.downstream.DownstreamException.Reason;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Everything {@link DownstreamCaller} refuses before a byte leaves (the wire is covered by DownstreamCallerIT). */
class DownstreamCallerTest {

    private static final DownstreamApi GRAPH = new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
            List.of("https://graph.microsoft.com/.default"), List.of("/v1.0/users"));
    private final DownstreamCaller caller = new DownstreamCaller(
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
            new DownstreamLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 10, 100));

    @Test
    void resolvesAnAllowedPathBelowTheConfiguredBaseUrl() {
        URI target = caller.target(GRAPH, DownstreamRequest.get("/v1.0/users?$top=1"));

        assertThat(target).isEqualTo(URI.create("https://graph.microsoft.com/v1.0/users?$top=1"));
    }

    @Test
    void refusesAPathOutsideTheAllowlistListingTheAllowedPrefixes() {
        DownstreamException e = catchThrowableOfType(DownstreamException.class,
                () -> caller.target(GRAPH, DownstreamRequest.get("/v1.0/groups")));

        assertThat(e.reason()).isEqualTo(Reason.PATH_NOT_ALLOWED);
        assertThat(e.reason().httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("path /v1.0/groups is not allowed for API 'graph'; allowed path prefixes: [/v1.0/users]");
    }

    @Test
    void withoutAllowedPathsAnyPathBelowTheBaseUrlIsAllowedButTheHostNeverChanges() {
        DownstreamApi open = new DownstreamApi("open", URI.create("https://graph.microsoft.com/v1.0/"), List.of("api://x/.default"), List.of());

        assertThat(caller.target(open, DownstreamRequest.get("me"))).isEqualTo(URI.create("https://graph.microsoft.com/v1.0/me"));
        assertThat(caller.target(open, DownstreamRequest.get(""))).isEqualTo(URI.create("https://graph.microsoft.com/v1.0/"));
        assertThat(catchThrowableOfType(DownstreamException.class,
                () -> caller.target(open, DownstreamRequest.get("//evil.example/x"))).reason()).isEqualTo(Reason.BAD_PATH);
        assertThat(catchThrowableOfType(DownstreamException.class,
                () -> caller.target(open, DownstreamRequest.get("me/../../admin"))).reason()).isEqualTo(Reason.BAD_PATH);
    }

    @Test
    void refusesMethodsOutsideTheAllowlistButForwardsABodyOnGetAsMicrosoftsSidecarDoes() {
        DownstreamException trace = catchThrowableOfType(DownstreamException.class,
                () -> caller.target(GRAPH, new DownstreamRequest("TRACE", "/v1.0/users", Map.of(), null, null)));

        assertThat(trace.reason()).isEqualTo(Reason.BAD_METHOD);
        assertThat(trace.getMessage()).contains("'TRACE' is not allowed");
        assertThat(caller.target(GRAPH, DownstreamRequest.json("GET", "/v1.0/users", "{}"))).isNotNull();
        assertThat(caller.target(GRAPH, new DownstreamRequest("patch", "/v1.0/users/u", Map.of(), null, null))).isNotNull();
    }

    @Test
    void refusesABodyOverTheCap() {
        DownstreamException e = catchThrowableOfType(DownstreamException.class,
                () -> caller.target(GRAPH, DownstreamRequest.json("POST", "/v1.0/users", "{\"a\":\"12345\"}")));

        assertThat(e.reason()).isEqualTo(Reason.REQUEST_TOO_LARGE);
        assertThat(e.reason().httpStatus()).isEqualTo(413);
    }

    @Test
    void refusesAClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> new DownstreamCaller(following, DownstreamLimits.defaults()))
                .hasMessageContaining("must not follow redirects");
    }

    @Test
    void serialisesInMicrosoftsSidecarShape() throws Exception {
        DownstreamResponse response = new DownstreamResponse(202, Map.of("request-id", List.of("r-1")), null);

        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(response);

        assertThat(json).isEqualTo("{\"statusCode\":202,\"headers\":{\"request-id\":[\"r-1\"]},\"content\":null}");
    }

    @Test
    void passesBackOnlySafeResponseHeaders() {
        HttpHeaders headers = HttpHeaders.of(Map.of(
                "Content-Type", List.of("application/json"),
                "Set-Cookie", List.of("session=abc"),
                "request-id", List.of("r-1"),
                "Authorization", List.of("Bearer leaked"),
                "Location", List.of("https://graph.microsoft.com/v1.0/users/u")), (a, b) -> true);

        Map<String, List<String>> safe = DownstreamCaller.safeHeaders(headers);

        assertThat(safe).containsOnlyKeys("Content-Type", "request-id", "Location");
    }
}
