package dev.entrabridge.sidecar;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The threads that run the bridge, fed in arrival order. Load is shed by how long a request has
 * waited, not by how many wait: a request still queued after {@code maxWait} is taken out and
 * answered by its shed action (503 with {@code Retry-After}), so its client hears at once instead
 * of after a worker frees up. The queue needs no bound of its own: each open connection has at most
 * one request in it, and connections are bounded.
 */
final class Workers {

    private final ThreadPoolExecutor executor;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;

    Workers(int count, Duration maxWait, LongSupplier nanoTime) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> new Thread(r, "sidecar-worker-" + n.incrementAndGet()));
        this.executor.prestartAllCoreThreads();
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Queues {@code work}; if it has not started after the maximum wait, {@code shed} runs instead (on the
     * thread that calls {@link #shedOverdue()}). Exactly one of the two runs, unless the workers are stopped.
     */
    void submit(Runnable work, Runnable shed) {
        executor.execute(new Job(work, shed, nanoTime.getAsLong()));
    }

    /** Sheds every request at the head of the queue that has waited longer than the maximum; call it often. */
    void shedOverdue() {
        long now = nanoTime.getAsLong();
        for (Runnable head = executor.getQueue().peek(); head instanceof Job; head = executor.getQueue().peek()) {
            Job job = (Job) head;
            if (now - job.enqueued <= maxWaitNanos) {
                return;
            }
            if (executor.getQueue().remove(job) && job.claim()) {
                job.shed.run();
            }
        }
    }

    /** Requests waiting for a worker now. */
    int queued() {
        return executor.getQueue().size();
    }

    /** Stops the threads; requests still queued are dropped (their connections are closed by the server). */
    void stop() {
        executor.shutdownNow();
    }

    /** One request: runs its work unless it was shed first. */
    private static final class Job implements Runnable {
        private final Runnable work;
        private final Runnable shed;
        private final long enqueued;
        private final AtomicInteger state = new AtomicInteger();

        Job(Runnable work, Runnable shed, long enqueued) {
            this.work = work;
            this.shed = shed;
            this.enqueued = enqueued;
        }

        boolean claim() {
            return state.compareAndSet(0, 1);
        }

        @Override
        public void run() {
            if (claim()) {
                work.run();
            }
        }
    }
}
