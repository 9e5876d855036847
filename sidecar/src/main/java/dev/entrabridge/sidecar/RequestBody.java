package dev.entrabridge.sidecar;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body without holding a thread while its bytes arrive: at most {@code cap} bytes
 * (the endpoint answers 413 for one byte past its limit, so nothing more is read), and no later than
 * the request's deadline, after which the read fails with a {@link TimeoutException}.
 */
final class RequestBody {

    private final Request request;
    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();

    private RequestBody(Request request, int cap) {
        this.request = request;
        this.cap = cap;
    }

    /**
     * @param remainingNanos how long the body may still take; a timer is armed only if it does not arrive at once
     */
    static CompletableFuture<byte[]> read(Request request, int cap, long remainingNanos, ScheduledExecutorService timers) {
        RequestBody body = new RequestBody(request, cap);
        body.readAvailable();
        if (!body.done.isDone()) {
            var timer = timers.schedule(() -> body.done.completeExceptionally(new TimeoutException("request body")),
                    Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
            body.done.whenComplete((b, e) -> timer.cancel(false));
        }
        return body.done;
    }

    private void readAvailable() {
        while (!done.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readAvailable);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.completeExceptionally(chunk.getFailure());
                return;
            }
            var buffer = chunk.getByteBuffer();
            int take = Math.min(buffer.remaining(), cap - bytes.size());
            byte[] part = new byte[take];
            buffer.get(part);
            bytes.write(part, 0, take);
            boolean last = chunk.isLast();
            chunk.release();
            if (last || bytes.size() >= cap) {
                done.complete(bytes.toByteArray());
            }
        }
    }
}
