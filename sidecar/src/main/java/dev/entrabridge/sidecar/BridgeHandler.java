package dev.entrabridge.sidecar;

import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.RequestRefused;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Jetty's handler for every request, never blocking its I/O threads: refuses what no route can
 * serve (a peer off this host, {@code CONNECT}, an overlong target), reads the body as it arrives
 * within the request deadline, then hands the request to a {@link Workers} thread that runs the
 * endpoint — or answers 503 when it waited too long for one.
 */
final class BridgeHandler extends Handler.Abstract.NonBlocking {

    /** The request target (path and query) at most; the whole head may be larger (a long bearer token). */
    static final int MAX_TARGET_CHARS = 8 * 1024;

    private final Supplier<BridgeEndpoint> endpoint;
    private final ExchangeMapping mapping;
    private final Workers workers;
    private final RequestHeadDeadline heads;
    private final ScheduledExecutorService timers;
    private final long requestTimeoutNanos;
    private final LongSupplier nanoTime;

    BridgeHandler(Supplier<BridgeEndpoint> endpoint, PeerFilter peers, Workers workers, RequestHeadDeadline heads,
                  ScheduledExecutorService timers, Duration requestTimeout, LongSupplier nanoTime) {
        this.endpoint = endpoint;
        this.mapping = new ExchangeMapping(peers);
        this.workers = workers;
        this.heads = heads;
        this.timers = timers;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        heads.requestStarted(connection);
        // Before the callback completes: Jetty may start the next request on this connection at once.
        Callback done = Callback.from(() -> heads.requestEnded(connection), callback);
        RequestRefused early = refusedAtOnce(request);
        if (early != null) {
            response.getHeaders().put("Connection", "close");
            refuse(response, early, done);
            return true;
        }
        long remaining = request.getBeginNanoTime() + requestTimeoutNanos - nanoTime.getAsLong();
        RequestBody.read(request, BridgeEndpoint.MAX_BODY_BYTES + 1, remaining, timers).whenComplete((body, failure) -> {
            if (failure instanceof TimeoutException) {
                response.getHeaders().put("Connection", "close");
                refuse(response, ServerErrors.refusal(408, null), done);
            } else if (failure != null) {
                done.failed(failure);
            } else {
                workers.submit(() -> serve(request, response, body, done), () -> shed(response, done));
            }
        });
        return true;
    }

    private RequestRefused refusedAtOnce(Request request) {
        if ("CONNECT".equals(request.getMethod())) {
            return RequestRefused.byServer(405, "BRIDGE_METHOD_NOT_ALLOWED", "The sidecar is not a proxy: CONNECT is refused.",
                    "Call the sidecar's routes with GET or POST.");
        }
        String query = request.getHttpURI().getQuery();
        if (request.getHttpURI().getPath().length() + (query == null ? 0 : query.length() + 1) > MAX_TARGET_CHARS) {
            return ServerErrors.refusal(414, null);
        }
        try {
            mapping.admit(request);
            return null;
        } catch (RequestRefused e) {
            return e;
        }
    }

    private void serve(Request request, Response response, byte[] body, Callback done) {
        try {
            BridgeResponse answer = endpoint.get().handle(() -> mapping.request(request, body));
            ExchangeMapping.respond(response, answer, done);
        } catch (RuntimeException e) {
            // The endpoint never throws; a failure here is writing to a connection that is gone.
            done.failed(e);
        }
    }

    private void shed(Response response, Callback done) {
        refuse(response, RequestRefused.unavailable("BRIDGE_OVERLOADED",
                "The sidecar's workers are all busy: this request waited longer than it may for one.",
                "Retry after the Retry-After interval, or start the sidecar with more --workers.", Duration.ofSeconds(1)), done);
    }

    private void refuse(Response response, RequestRefused refusal, Callback done) {
        ExchangeMapping.respond(response, endpoint.get().handle(() -> {
            throw refusal;
        }), done);
    }
}
