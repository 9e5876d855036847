package dev.entrabridge.sidecar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.RequestRefused;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's HTTP contract on the JDK's {@link HttpServer}: a bounded worker pool, a cap on
 * requests in flight (503 with {@code Retry-After} beyond it), and a stop that drains what is
 * running before it returns.
 */
public final class SidecarServer implements AutoCloseable {

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Semaphore inFlight;
    private final BridgeEndpoint endpoint;
    private final ExchangeMapping mapping;

    private SidecarServer(HttpServer server, ThreadPoolExecutor workers, int maxInFlight, BridgeEndpoint endpoint,
                          PeerFilter peers) {
        this.server = server;
        this.workers = workers;
        this.inFlight = new Semaphore(maxInFlight);
        this.endpoint = endpoint;
        this.mapping = new ExchangeMapping(peers);
    }

    /**
     * Binds (but does not start) the server.
     *
     * @param bind    e.g. {@code 127.0.0.1:7000}; port 0 picks a free one
     * @param workers worker threads; requests beyond {@code 4 × workers} in flight get 503
     */
    static SidecarServer bind(InetSocketAddress bind, int workers, BridgeEndpoint endpoint, PeerFilter peers) throws IOException {
        HttpServer server = HttpServer.create(bind, 128);
        AtomicInteger n = new AtomicInteger();
        // Bounded queue; when it is full the dispatcher runs the request itself, which stops it
        // accepting more connections until a worker frees up: back-pressure instead of unbounded memory.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(workers * 4), r -> {
                    Thread t = new Thread(r, "sidecar-worker-" + n.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        SidecarServer sidecar = new SidecarServer(server, pool, workers * 4, endpoint, peers);
        server.setExecutor(pool);
        server.createContext("/", sidecar::serve);
        return sidecar;
    }

    public SidecarServer start() {
        server.start();
        return this;
    }

    /** e.g. {@code http://127.0.0.1:7000} */
    public URI baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            BridgeResponse response;
            if (!inFlight.tryAcquire()) {
                response = endpoint.handle(() -> {
                    throw RequestRefused.unavailable("BRIDGE_OVERLOADED", "The sidecar has too many requests in flight.",
                            "Retry after the Retry-After interval.", Duration.ofSeconds(1));
                });
                ExchangeMapping.respond(exchange, response);
                return;
            }
            try {
                response = endpoint.handle(() -> mapping.request(exchange));
            } finally {
                inFlight.release();
            }
            ExchangeMapping.respond(exchange, response);
        }
    }

    /** Stops accepting, lets running requests finish for up to {@code drain}, then stops the workers. */
    public void stop(Duration drain) {
        server.stop((int) Math.max(0, drain.toSeconds()));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(drain.toMillis() + 100, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
