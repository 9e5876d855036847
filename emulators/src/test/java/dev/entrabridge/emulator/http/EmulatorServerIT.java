package dev.entrabridge.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorServerIT {

    private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private EmulatorServer server;

    @BeforeEach
    void start() {
        server = EmulatorServer.http("test", Clock.fixed(NOW, ZoneOffset.UTC))
                .route("/", r -> EmulatorResponse.text(200, "root"))
                .route("/api", r -> EmulatorResponse.json(200, "{\"ok\":true}"))
                .route("/api/boom", r -> {
                    throw new IllegalStateException("route bug");
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsIsTrustedThroughTheEmulatorCaAndRefusedWithoutIt() throws Exception {
        try (EmulatorServer https = EmulatorServer.https("tls", Clock.systemUTC())
                .route("/hello", r -> EmulatorResponse.text(200, "hello over tls")).start()) {
            URI uri = URI.create(https.baseUrl() + "/hello");
            assertThat(https.baseUrl().getScheme()).isEqualTo("https");

            HttpResponse<String> trusted = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(trusted.statusCode()).isEqualTo(200);
            assertThat(trusted.body()).isEqualTo("hello over tls");

            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(chainHas(e, SSLException.class)).isTrue());
            assertThat(EmulatorTls.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        }
    }

    @Test
    void recordsWhatTheClientSent() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/token?x=1&y=a%20b"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Probe", "p1")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=a+b%2Fc"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(server.requests()).hasSize(1);
        RecordedRequest request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/token");
        assertThat(request.queryParam("y")).contains("a b");
        assertThat(request.header("x-probe")).contains("p1");
        assertThat(request.formParam("scope")).contains("a b/c");
        assertThat(request.receivedAt()).isEqualTo(NOW);
        server.clearRequests();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void routesByLongestPrefixAndAnswers404And500Honestly() throws Exception {
        assertThat(get("/api/x").body()).isEqualTo("{\"ok\":true}");
        assertThat(get("/other").body()).isEqualTo("root");
        HttpResponse<String> boom = get("/api/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).contains("route bug");
        try (EmulatorServer bare = EmulatorServer.http("bare", Clock.systemUTC()).start()) {
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(bare.baseUrl() + "/nope"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void throttleIs429WithRetryAfterOnceThenNormal() throws Exception {
        server.faults().failNext(1, Fault.throttle(Duration.ofSeconds(7)));
        HttpResponse<String> throttled = get("/api");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
        assertThat(get("/api").statusCode()).isEqualTo(200);
    }

    @Test
    void unavailableIs503WithRetryAfterAndOnlyHitsMatchingRequests() throws Exception {
        server.faults().failNext(2, Fault.unavailable(Duration.ofSeconds(2)), r -> r.path().startsWith("/api"));
        assertThat(get("/elsewhere").statusCode()).isEqualTo(200);
        HttpResponse<String> first = get("/api");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(get("/api").statusCode()).isEqualTo(503);
        assertThat(get("/api").statusCode()).isEqualTo(200);
        server.faults().failNext(1, Fault.status(500));
        HttpResponse<String> bare = get("/api");
        assertThat(bare.statusCode()).isEqualTo(500);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void latencyDelaysEveryResponseUntilReset() throws Exception {
        server.faults().latency(Duration.ofMillis(250));
        long start = System.nanoTime();
        assertThat(get("/api").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

        server.faults().reset();
        assertThat(server.faults().latency()).isZero();
    }

    @Test
    void malformedBodyIsA200ThatDoesNotParse() throws Exception {
        server.faults().failNext(1, Fault.malformedBody());
        HttpResponse<String> response = get("/api");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> new ObjectMapper().readTree(response.body()))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void closedConnectionIsAnIoErrorWithNoResponse() {
        server.faults().failNext(1, Fault.closeConnection());
        // POST: the JDK client does not silently retry a non-idempotent request on a dropped connection.
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api"))
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aDroppedIdempotentRequestIsVisiblyRetriedByTheJdkClient() throws Exception {
        server.faults().failNext(1, Fault.closeConnection());
        assertThat(get("/api").statusCode()).isEqualTo(200);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void bodiesOverTheCapAre413AndNotRecorded() throws Exception {
        byte[] body = new byte[EmulatorServer.MAX_BODY_BYTES + 1];
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.requests()).isEmpty();

        HttpResponse<String> atCap = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[EmulatorServer.MAX_BODY_BYTES])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(atCap.statusCode()).isEqualTo(200);
    }

    private static boolean chainHas(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
