package dev.entrabridge.sidecar;

import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.policy.CallerPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The adapter's own duties, with a hand-written core that can be held mid-request: who may call,
 * shedding a request that waited too long for a worker (and only such a request), and draining on stop.
 */
class SidecarServerIT {

    private static final String POLICY = "{\"rules\":[{\"name\":\"all\",\"caller\":{\"kind\":\"loopback\"},"
            + "\"agents\":[\"a\"],\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}";
    private static final String ROUTE = "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=a";

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    private SidecarServer server;

    /** Answers a token only once the test releases it. */
    private final AgentTokenProvider heldCore = request -> {
        entered.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new AgentToken("header.payload.signature", Instant.now().plusSeconds(600), Instant.now().plusSeconds(300),
                request.scopes(), request.flow(), request.agent(), "00000000-0000-0000-0000-0000000000a1");
    };

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @Test
    void stopDrainsTheRequestInFlightThenRefusesConnections() throws Exception {
        server = start("127.0.0.1", 2, PeerFilter.loopbackOnly());
        URI base = server.baseUrl();
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> RawHttp.send(base, "GET", ROUTE, Map.of(), new byte[0]));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
        Thread.sleep(200);
        release.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        stopping.get(6, TimeUnit.SECONDS);
        assertThatThrownBy(() -> RawHttp.send(base, "GET", "/healthz", Map.of(), new byte[0]))
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aRequestThatWaitedLongerThanTheBoundForAWorkerIsShedWith503AndRetryAfterAtOnce() throws Exception {
        server = start("127.0.0.1", 1, PeerFilter.loopbackOnly());
        URI base = server.baseUrl();
        CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> RawHttp.send(base, "GET", ROUTE, Map.of(), new byte[0]));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        Response shed = RawHttp.send(base, "GET", ROUTE, Map.of(), new byte[0]);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(shed.status()).isEqualTo(503);
        assertThat(shed.header("Retry-After")).contains("1");
        assertThat(shed.header("Cache-Control")).contains("no-store");
        assertThat(shed.body()).contains("\"code\":\"BRIDGE_OVERLOADED\"");
        // Answered when its wait passed the bound (300 ms), not when the held worker came free (10 s).
        assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(RawHttp.send(base, "GET", ROUTE, Map.of(), new byte[0]).status()).isEqualTo(200);
    }

    @Test
    void manyRequestsQueuedShorterThanTheBoundAreAllServedNotShedByCount() throws Exception {
        server = SidecarServer.bind(new InetSocketAddress("127.0.0.1", 0), ServerLimits.DEFAULTS.withWorkers(1)
                .withMaxWait(Duration.ofSeconds(20)), endpoint(), PeerFilter.loopbackOnly()).start();
        URI base = server.baseUrl();
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        calls.add(CompletableFuture.supplyAsync(() -> RawHttp.send(base, "GET", ROUTE, Map.of(), new byte[0])));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        // 20 queue behind the held one: five times the old "4 x workers" count bound.
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> RawHttp.send(base, "GET", ROUTE, Map.of(), new byte[0]), clients));
            }
            Thread.sleep(300);
            release.countDown();
            for (CompletableFuture<Response> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aPeerOffThisHostIsRefusedExceptForHealthzUnlessItsNetworkIsAllowed() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
        release.countDown();
        server = start("0.0.0.0", 2, PeerFilter.loopbackOnly());
        URI viaLan = URI.create("http://" + lan.getHostAddress() + ":" + server.baseUrl().getPort());

        Response refused = RawHttp.send(viaLan, "GET", ROUTE, Map.of(), new byte[0]);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"BRIDGE_PEER_NOT_ALLOWED\"", lan.getHostAddress());
        assertThat(RawHttp.send(viaLan, "GET", "/healthz", Map.of(), new byte[0]).status()).isEqualTo(200);
        server.stop(Duration.ZERO);

        server = start("0.0.0.0", 2, PeerFilter.loopbackAnd(List.of(lan.getHostAddress() + "/32")));
        viaLan = URI.create("http://" + lan.getHostAddress() + ":" + server.baseUrl().getPort());
        assertThat(RawHttp.send(viaLan, "GET", ROUTE, Map.of(), new byte[0]).status()).isEqualTo(200);
    }

    private SidecarServer start(String bind, int workers, PeerFilter peers) throws IOException {
        return SidecarServer.bind(new InetSocketAddress(bind, 0), ServerLimits.DEFAULTS.withWorkers(workers)
                .withMaxWait(Duration.ofMillis(300)), endpoint(), peers).start();
    }

    private BridgeEndpoint endpoint() {
        return BridgeEndpoint.builder()
                .issuance(TokenIssuance.builder()
                        .tokens(heldCore)
                        .policy(CallerPolicy.fromJson(POLICY))
                        .audit(new AuditLog(audit::add, Clock.systemUTC()))
                        .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                                List.of("https://graph.microsoft.com/.default"), List.of())))
                        .agents(List.of(new AgentDefinition("a", "00000000-0000-0000-0000-0000000000a1", Optional.empty())))
                        .build())
                .build();
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
