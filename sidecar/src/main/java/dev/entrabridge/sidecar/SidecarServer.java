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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's HTTP contract on the JDK's {@link HttpServer}: a fixed pool of workers, at most
 * {@code 4 × workers} requests admitted (running or queued), load beyond that shed at once with
 * 503 and {@code Retry-After}, and a stop that drains what is running before it returns.
 */
public final class SidecarServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SidecarServer.class.getName());
    /** Set while the dispatcher thread itself answers a request it could not admit. */
    private static final ThreadLocal<Boolean> SHEDDING = ThreadLocal.withInitial(() -> false);

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Semaphore admitted;
    private final BridgeEndpoint endpoint;
    private final ExchangeMapping mapping;

    private SidecarServer(HttpServer server, int workerCount, BridgeEndpoint endpoint, PeerFilter peers) {
        int maxAdmitted = workerCount * 4;
        AtomicInteger n = new AtomicInteger();
        this.server = server;
        this.admitted = new Semaphore(maxAdmitted);
        // The queue can hold every admitted request, so the pool itself never rejects.
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxAdmitted), r -> new Thread(r, "sidecar-worker-" + n.incrementAndGet()));
        this.endpoint = endpoint;
        this.mapping = new ExchangeMapping(peers);
    }

    /**
     * Binds (but does not start) the server.
     *
     * @param bind    e.g. {@code 127.0.0.1:7000}; port 0 picks a free one
     * @param workers worker threads
     */
    static SidecarServer bind(InetSocketAddress bind, int workers, BridgeEndpoint endpoint, PeerFilter peers) throws IOException {
        HttpServer server = HttpServer.create(bind, 128);
        SidecarServer sidecar = new SidecarServer(server, workers, endpoint, peers);
        server.setExecutor(sidecar::admit);
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

    /** The server's executor: a worker when one is free or queued within bounds, else a 503 answered right here. */
    private void admit(Runnable exchange) {
        if (admitted.tryAcquire()) {
            try {
                workers.execute(() -> {
                    try {
                        exchange.run();
                    } finally {
                        admitted.release();
                    }
                });
                return;
            } catch (RejectedExecutionException e) {
                admitted.release(); // stopping: shed it like overload
            }
        }
        SHEDDING.set(true);
        try {
            exchange.run();
        } finally {
            SHEDDING.remove();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            BridgeResponse response = SHEDDING.get()
                    ? endpoint.handle(() -> {
                        throw RequestRefused.unavailable("BRIDGE_OVERLOADED", "The sidecar has too many requests in flight.",
                                "Retry after the Retry-After interval, or start the sidecar with more --workers.",
                                Duration.ofSeconds(1));
                    })
                    : endpoint.handle(() -> mapping.request(exchange));
            ExchangeMapping.respond(exchange, response);
        }
    }

    /** Stops accepting, lets admitted requests finish for up to {@code drain}, then stops the workers. */
    public void stop(Duration drain) {
        LOG.log(System.Logger.Level.INFO, "event=sidecar_stopping drain_ms={0}", drain.toMillis());
        workers.shutdown();
        try {
            workers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdownNow();
        LOG.log(System.Logger.Level.INFO, "event=sidecar_stopped");
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
