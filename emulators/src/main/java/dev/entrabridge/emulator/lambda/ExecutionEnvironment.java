package dev.entrabridge.emulator.lambda;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment as the Runtime API sees it: the runtime's state machine, the invocations
 * waiting for it and the one it holds. The request id in a path is checked before the state, as
 * Lambda does, so an unknown id is a 400 and a second answer for the current id a 403.
 */
final class ExecutionEnvironment {

    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final LambdaFunction function;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Deque<Invocation> queued = new ArrayDeque<>();
    private final List<InitError> initErrors = new ArrayList<>();
    private RuntimeState state = RuntimeState.STARTED;
    private Invocation current;
    private ScheduledFuture<?> deadlineTimer;
    private boolean closed;

    ExecutionEnvironment(LambdaFunction function, Clock clock, ScheduledExecutorService timer) {
        this.function = function;
        this.clock = clock;
        this.timer = timer;
    }

    synchronized void enqueue(Invocation invocation) {
        if (closed) {
            throw new IllegalStateException("the Lambda Runtime API emulator is closed");
        }
        if (state == RuntimeState.INIT_ERROR) {
            failWithInitError(invocation, initErrors.get(initErrors.size() - 1));
            return;
        }
        queued.add(invocation);
        notifyAll();
    }

    /** {@code GET /runtime/invocation/next}: waits, without a time limit as Lambda does, for an invocation. */
    synchronized EmulatorResponse next() throws InterruptedException {
        while (!closed) {
            if (state == RuntimeState.INIT_ERROR) {
                return RuntimeApiAnswers.invalidStateTransition(state, RuntimeState.READY);
            }
            if (state == RuntimeState.READY) {
                // Lambda hands the runtime the invocation it already holds again.
                return render(current, current.deadline().orElseThrow().toEpochMilli());
            }
            Invocation next = queued.poll();
            if (next != null) {
                return deliver(next);
            }
            wait();
        }
        return RuntimeApiAnswers.internalServerError();
    }

    /** {@code POST /runtime/invocation/{id}/response}. */
    synchronized EmulatorResponse respond(String requestId, RecordedRequest request) {
        if (!isCurrent(requestId)) {
            return RuntimeApiAnswers.invalidRequestId();
        }
        if (state != RuntimeState.READY) {
            return RuntimeApiAnswers.invalidStateTransition(state, RuntimeState.INVOCATION_RESPONSE);
        }
        answered();
        int size = request.body().length;
        if (size > RuntimeApiAnswers.MAX_RESPONSE_BYTES) {
            current.complete(new InvocationResult.FunctionError(requestId, "Function.ResponseSizeTooLarge",
                    RuntimeApiAnswers.oversizedResponseDocument(size), InvocationResult.Cause.OVERSIZED_RESPONSE));
            return RuntimeApiAnswers.responseTooLarge();
        }
        current.complete(new InvocationResult.Response(requestId, request.bodyText()));
        return RuntimeApiAnswers.accepted();
    }

    /** {@code POST /runtime/invocation/{id}/error}. */
    synchronized EmulatorResponse fail(String requestId, RecordedRequest request) {
        if (!isCurrent(requestId)) {
            return RuntimeApiAnswers.invalidRequestId();
        }
        if (state != RuntimeState.READY) {
            return RuntimeApiAnswers.invalidStateTransition(state, RuntimeState.INVOCATION_ERROR_RESPONSE);
        }
        answered();
        current.complete(new InvocationResult.FunctionError(requestId,
                request.header(ERROR_TYPE_HEADER).orElse(""), request.bodyText(),
                InvocationResult.Cause.INVOCATION_ERROR));
        return RuntimeApiAnswers.accepted();
    }

    /**
     * {@code POST /runtime/init/error}: allowed only before the first invocation is taken. Every
     * invocation waiting for this environment fails with the error, as the one that triggered a cold
     * start does in Lambda, and so does every later one (Lambda would start a new environment, which
     * fails the same way); further {@code /next} calls are refused.
     */
    synchronized EmulatorResponse initError(RecordedRequest request) {
        if (state != RuntimeState.STARTED) {
            return RuntimeApiAnswers.invalidStateTransition(state, RuntimeState.INIT_ERROR);
        }
        state = RuntimeState.INIT_ERROR;
        InitError error = new InitError(request.header(ERROR_TYPE_HEADER).orElse(""), request.bodyText(),
                request.receivedAt());
        initErrors.add(error);
        while (!queued.isEmpty()) {
            failWithInitError(queued.poll(), error);
        }
        notifyAll();
        return RuntimeApiAnswers.accepted();
    }

    synchronized List<InitError> initErrors() {
        return List.copyOf(initErrors);
    }

    synchronized void close() {
        closed = true;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        IllegalStateException closedError = new IllegalStateException("the Lambda Runtime API emulator was closed");
        queued.forEach(i -> i.abort(closedError));
        queued.clear();
        if (current != null) {
            current.abort(closedError);
        }
        notifyAll();
    }

    /** Called by the deadline timer: Lambda ends an invocation that outlives its timeout. */
    private synchronized void expire(Invocation invocation, Duration timeout) {
        if (current != invocation || state != RuntimeState.READY) {
            return;
        }
        state = RuntimeState.RESPONSE_SENT;
        invocation.complete(new InvocationResult.FunctionError(invocation.requestId(), "Sandbox.Timedout",
                RuntimeApiAnswers.timeoutDocument(invocation.requestId(), timeout.toMillis() / 1000.0),
                InvocationResult.Cause.TIMEOUT));
    }

    private EmulatorResponse deliver(Invocation invocation) {
        current = invocation;
        state = RuntimeState.READY;
        Duration timeout = invocation.request().timeout().orElse(function.timeout());
        long deadlineMs = clock.millis() + timeout.toMillis();
        invocation.delivered(Instant.ofEpochMilli(deadlineMs));
        deadlineTimer = timer.schedule(() -> expire(invocation, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return render(invocation, deadlineMs);
    }

    private EmulatorResponse render(Invocation invocation, long deadlineMs) {
        String arn = function.arn() + invocation.request().qualifier().map(q -> ":" + q).orElse("");
        return RuntimeApiAnswers.invocation(invocation, arn, deadlineMs);
    }

    private void answered() {
        state = RuntimeState.RESPONSE_SENT;
        deadlineTimer.cancel(false);
    }

    private boolean isCurrent(String requestId) {
        return current != null && current.requestId().equals(requestId);
    }

    private static void failWithInitError(Invocation invocation, InitError error) {
        invocation.complete(new InvocationResult.FunctionError(invocation.requestId(), error.errorType(),
                error.payload(), InvocationResult.Cause.INIT_ERROR));
    }
}
