package dev.entrabridge.emulator.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A queued invocation: its request id, its deadline once the runtime has taken it, and the result the
 * runtime eventually posts.
 */
public final class Invocation {

    private final String requestId;
    private final InvokeRequest request;
    private final String traceId;
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private volatile Instant deadline;

    Invocation(String requestId, InvokeRequest request, String traceId) {
        this.requestId = requestId;
        this.request = request;
        this.traceId = traceId;
    }

    public String requestId() {
        return requestId;
    }

    public InvokeRequest request() {
        return request;
    }

    /** The {@code Lambda-Runtime-Trace-Id} the runtime receives. */
    public String traceId() {
        return traceId;
    }

    /** The {@code Lambda-Runtime-Deadline-Ms} instant, set when the runtime takes the invocation. */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Completes when the runtime answers, or with a {@link InvocationResult.FunctionError} Lambda makes. */
    public CompletableFuture<InvocationResult> result() {
        return result.copy();
    }

    /**
     * Waits for the result.
     *
     * @throws IllegalStateException when none arrives within {@code timeout} (the runtime is stuck,
     *                               crashed or never started: look at its output)
     */
    public InvocationResult await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no result for invocation " + requestId + " within " + timeout
                    + (deadline == null ? "; the runtime never took it from /invocation/next" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for invocation " + requestId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("invocation " + requestId + " failed in the emulator", e.getCause());
        }
    }

    void delivered(Instant deadlineInstant) {
        this.deadline = deadlineInstant;
    }

    boolean complete(InvocationResult outcome) {
        return result.complete(outcome);
    }

    void abort(Throwable cause) {
        result.completeExceptionally(cause);
    }

    @Override
    public String toString() {
        return "invocation " + requestId;
    }
}
