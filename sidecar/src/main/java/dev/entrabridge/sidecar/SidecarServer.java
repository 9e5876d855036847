package dev.entrabridge.sidecar;

import dev.entrabridge.endpoint.BridgeEndpoint;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bridge's HTTP contract on an embedded Jetty 12 server (core handlers, no servlet API): HTTP/1.1
 * with keep-alive and {@code TCP_NODELAY}; strict parsing (RFC 9110) whose every refusal is the
 * bridge's problem+json; a bound on open connections; the request's head and body due within the
 * request timeout; a fixed set of {@link Workers} that sheds a request which waited too long for
 * one; and a stop that drains what is running before it returns.
 */
public final class SidecarServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SidecarServer.class.getName());
    /** Request line plus headers: room for a 16 KiB bearer token, which the caller validation accepts. */
    static final int MAX_HEAD_BYTES = 24 * 1024;
    private static final long SHED_SWEEP_MS = 20;
    private static final long HEAD_SWEEP_MS = 250;

    private final Server server;
    private final ServerConnector connector;
    private final Workers workers;
    private final RequestHeadDeadline heads;
    private final ScheduledThreadPoolExecutor timers;

    private SidecarServer(Server server, ServerConnector connector, Workers workers, RequestHeadDeadline heads,
                          ScheduledThreadPoolExecutor timers) {
        this.server = server;
        this.connector = connector;
        this.workers = workers;
        this.heads = heads;
        this.timers = timers;
    }

    /** {@link #bind(InetSocketAddress, ServerLimits, Supplier, PeerFilter)} with an endpoint already built. */
    static SidecarServer bind(InetSocketAddress bind, ServerLimits limits, BridgeEndpoint endpoint, PeerFilter peers)
            throws IOException {
        return bind(bind, limits, () -> endpoint, peers);
    }

    /**
     * Binds the listening socket (so a taken port fails here, with an {@link IOException}) but serves
     * nothing until {@link #start()}. {@code endpoint} may still be being built: a request that arrives
     * first waits for it.
     *
     * @param bind e.g. {@code 127.0.0.1:7000}; port 0 picks a free one
     */
    static SidecarServer bind(InetSocketAddress bind, ServerLimits limits, Supplier<BridgeEndpoint> endpoint, PeerFilter peers)
            throws IOException {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sidecar-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        Workers workers = new Workers(limits.workers(), limits.maxWait(), System::nanoTime);
        RequestHeadDeadline heads = new RequestHeadDeadline(limits.requestTimeout(), System::nanoTime);

        Server server = jetty(bind, limits, heads, new ServerErrors(endpoint),
                new BridgeHandler(endpoint, peers, workers, heads, timers, limits.requestTimeout(), System::nanoTime));
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        connector.open();
        timers.scheduleWithFixedDelay(workers::shedOverdue, SHED_SWEEP_MS, SHED_SWEEP_MS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(heads::sweep, HEAD_SWEEP_MS, HEAD_SWEEP_MS, TimeUnit.MILLISECONDS);
        return new SidecarServer(server, connector, workers, heads, timers);
    }

    /**
     * Jetty as the sidecar configures it, serving {@code handler}: its thread pool, HTTP/1.1 settings,
     * connector (keep-alive, {@code TCP_NODELAY}, idle timeout, backlog), connection limit, error handler
     * and graceful stop. Package-private so that a benchmark's bare server runs the very same stack.
     */
    static Server jetty(InetSocketAddress bind, ServerLimits limits, Connection.Listener connections,
                        Request.Handler errors, Handler handler) {
        // Jetty's own threads only accept, select, parse and write: the bridge runs on the workers.
        // A plain queue: Jetty's default one sizes itself through java.lang.management, whose ~200 classes
        // would cost the sidecar's start-up more than the whole server does otherwise.
        QueuedThreadPool io = new QueuedThreadPool(8, 2, 60_000, new LinkedBlockingQueue<>());
        io.setName("sidecar-io");
        Server server = new Server(io);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEAD_BYTES);
        http.setHttpCompliance(HttpCompliance.RFC9110);
        // Encoded separators and dot segments reach the endpoint, which refuses them with its own precise codes
        // (BRIDGE_PATH_TRAVERSAL); bad escapes, %u escapes and backslashes Jetty refuses itself.
        http.setUriCompliance(UriCompliance.DEFAULT.with("bridge", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        http.setPersistentConnectionsEnabled(true);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind.getHostString());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptedTcpNoDelay(true);
        connector.setAcceptQueueSize(128);
        connector.addEventListener(connections);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(errors);
        server.setHandler(new GracefulHandler(handler));
        return server;
    }

    public SidecarServer start() throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the HTTP server did not start: " + e.getMessage(), e);
        }
        return this;
    }

    /** e.g. {@code http://127.0.0.1:7000} */
    public URI baseUrl() {
        String host = connector.getHost() == null || connector.getHost().isEmpty() ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
    }

    /**
     * Stops accepting connections, answers new requests on open ones with 503 {@code BRIDGE_STOPPING}, lets
     * admitted requests finish for up to {@code drain}, then stops the workers.
     */
    public void stop(Duration drain) {
        LOG.log(System.Logger.Level.INFO, "event=sidecar_stopping drain_ms={0}", drain.toMillis());
        server.setStopTimeout(Math.max(1, drain.toMillis()));
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "event=sidecar_stop_failed error={0}", e.getClass().getName());
        }
        workers.stop();
        timers.shutdownNow();
        LOG.log(System.Logger.Level.INFO, "event=sidecar_stopped");
    }

    /** Open connections now (for tests and the log). */
    int openConnections() {
        return heads.size();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
