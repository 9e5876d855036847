package dev.entrabridge.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A loopback HTTP(S) server on an ephemeral port that routes by path prefix, records every
 * request and applies injected {@link Faults}. Each emulator owns one.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Bodies above this are refused with 413, as real front doors do. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean https;
    private final Clock clock;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private volatile int maxBodyBytes = MAX_BODY_BYTES;

    private EmulatorServer(String name, boolean https, Clock clock) {
        this.name = name;
        this.https = https;
        this.clock = clock;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (https) {
                HttpsServer s = HttpsServer.create(address, 64);
                s.setHttpsConfigurator(new HttpsConfigurator(EmulatorTls.serverContext()));
                this.server = s;
            } else {
                this.server = HttpServer.create(address, 64);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the " + name + " emulator on loopback", e);
        }
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, name + "-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** A plain-HTTP emulator server (metadata-style endpoints, STS with an http override). */
    public static EmulatorServer http(String name, Clock clock) {
        return new EmulatorServer(name, false, clock);
    }

    /** An HTTPS emulator server whose certificate chains to {@link EmulatorTls}'s CA. */
    public static EmulatorServer https(String name, Clock clock) {
        return new EmulatorServer(name, true, clock);
    }

    /** Answers requests whose path starts with {@code pathPrefix}; the longest prefix wins. */
    public synchronized EmulatorServer route(String pathPrefix, Route route) {
        routes.put(pathPrefix, route);
        return this;
    }

    /**
     * Raises (or lowers) the request body limit for services whose own limit differs, such as the
     * Lambda Runtime API, which must see a 6 MB response to refuse it the way Lambda does.
     */
    public EmulatorServer maxRequestBodyBytes(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive: " + bytes);
        }
        this.maxBodyBytes = bytes;
        return this;
    }

    public EmulatorServer start() {
        server.start();
        return this;
    }

    /** e.g. {@code https://127.0.0.1:43123} (no trailing slash). */
    public URI baseUrl() {
        InetSocketAddress a = server.getAddress();
        return URI.create((https ? "https" : "http") + "://127.0.0.1:" + a.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return recorded.stream().filter(filter).toList();
    }

    public void clearRequests() {
        recorded.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request;
            try {
                request = read(exchange);
            } catch (BodyTooLargeException e) {
                send(exchange, EmulatorResponse.text(413, "request body exceeds " + maxBodyBytes + " bytes"));
                return;
            }
            recorded.add(request);
            sleep(faults.latency().toMillis());
            var fault = faults.take(request);
            if (fault.isPresent()) {
                applyFault(exchange, fault.get());
                return;
            }
            send(exchange, answer(request));
        }
    }

    private EmulatorResponse answer(RecordedRequest request) {
        Route route = routeFor(request.path());
        if (route == null) {
            return EmulatorResponse.notFound(request.path());
        }
        try {
            return route.handle(request);
        } catch (Exception e) {
            return EmulatorResponse.text(500, name + " emulator failed: " + e);
        }
    }

    private synchronized Route routeFor(String path) {
        return routes.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(null);
    }

    private void applyFault(HttpExchange exchange, Fault fault) throws IOException {
        if (fault instanceof Fault.Throttle t) {
            send(exchange, withRetryAfter(EmulatorResponse.json(429,
                    "{\"error\":\"temporarily_unavailable\",\"error_description\":\"throttled by fault injection\"}"),
                    t.retryAfter()));
        } else if (fault instanceof Fault.Status s) {
            send(exchange, withRetryAfter(EmulatorResponse.text(s.status(), "injected failure " + s.status()),
                    s.retryAfter()));
        } else if (fault instanceof Fault.MalformedBody) {
            send(exchange, EmulatorResponse.json(200, "{\"access_token\": \"trunc"));
        }
        // Fault.CloseConnection: closing the exchange before any header is sent drops the socket.
    }

    private static EmulatorResponse withRetryAfter(EmulatorResponse response, java.time.Duration retryAfter) {
        return retryAfter == null ? response
                : response.withHeader("Retry-After", Long.toString(Math.max(0, retryAfter.toSeconds())));
    }

    private RecordedRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        URI uri = exchange.getRequestURI();
        return new RecordedRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getPath(),
                uri.getRawQuery(), headers, readBody(exchange.getRequestBody(), maxBodyBytes), clock.instant());
    }

    private static byte[] readBody(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new BodyTooLargeException();
        }
        return body;
    }

    private static void send(HttpExchange exchange, EmulatorResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large");
        }
    }

    @Override
    public String toString() {
        return name + " emulator at " + baseUrl();
    }
}
