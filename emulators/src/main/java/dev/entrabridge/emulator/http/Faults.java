package dev.entrabridge.emulator.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fault injection for one emulator: a steady added latency, and a queue of one-shot faults
 * that the next matching requests receive in order.
 */
public final class Faults {

    private record Pending(Predicate<RecordedRequest> matcher, Fault fault) { }

    private final Deque<Pending> pending = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;

    /** Delay every response by this much (zero to stop). */
    public Faults latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** The next {@code times} requests (any path) receive {@code fault}. */
    public Faults failNext(int times, Fault fault) {
        return failNext(times, fault, r -> true);
    }

    /** The next {@code times} requests matching {@code matcher} receive {@code fault}. */
    public synchronized Faults failNext(int times, Fault fault, Predicate<RecordedRequest> matcher) {
        for (int i = 0; i < times; i++) {
            pending.addLast(new Pending(matcher, fault));
        }
        return this;
    }

    /** Clears latency and every pending fault. */
    public synchronized Faults reset() {
        pending.clear();
        latency = Duration.ZERO;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    synchronized Optional<Fault> take(RecordedRequest request) {
        for (var it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.matcher().test(request)) {
                it.remove();
                return Optional.of(p.fault());
            }
        }
        return Optional.empty();
    }
}
