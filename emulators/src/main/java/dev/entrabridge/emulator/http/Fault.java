package dev.entrabridge.emulator.http;

import java.time.Duration;

/**
 * A failure an emulator can be told to produce instead of its normal answer, so clients'
 * retry, timeout and parsing paths are exercised against real sockets.
 */
public sealed interface Fault {

    /** HTTP 429 with {@code Retry-After} in whole seconds. */
    record Throttle(Duration retryAfter) implements Fault { }

    /** A bare error status such as 500 or 503, optionally with {@code Retry-After}. */
    record Status(int status, Duration retryAfter) implements Fault { }

    /** HTTP 200 whose body is not what the protocol promises (truncated JSON / XML). */
    record MalformedBody() implements Fault { }

    /** The connection is closed without any response. */
    record CloseConnection() implements Fault { }

    static Fault throttle(Duration retryAfter) {
        return new Throttle(retryAfter);
    }

    static Fault status(int status) {
        return new Status(status, null);
    }

    static Fault unavailable(Duration retryAfter) {
        return new Status(503, retryAfter);
    }

    static Fault malformedBody() {
        return new MalformedBody();
    }

    static Fault closeConnection() {
        return new CloseConnection();
    }
}
