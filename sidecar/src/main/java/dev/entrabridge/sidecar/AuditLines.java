package dev.entrabridge.sidecar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The sink of the sidecar's audit lines, written by the request threads themselves with one write
 * (and flush) for as many lines as are waiting. Written with {@code println}, each line cost its
 * request thread a wait on a lock every worker shares and two system calls (the line, then the
 * newline of an autoflushing stream). Here a request queues its line and writes the queue if no other
 * thread is writing; if one is, it returns at once and that thread writes the line next, before it
 * lets go (it looks again after releasing the lock, so no line is left behind). Lines leave in the
 * order they were queued and none is dropped: when more than {@code backlog} lines wait (the stream is
 * blocked), a request waits for its turn to write, as {@code println} would have made it. A line is in
 * the stream when its request's answer leaves, or being written by another request thread at that
 * moment: a process killed outright loses at most the lines queued behind one write.
 */
final class AuditLines implements Consumer<String> {

    /** Lines that may wait behind a write before a request waits for the stream itself. */
    static final int BACKLOG = 4_096;

    private final OutputStream out;
    private final int backlog;
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock writing = new ReentrantLock();

    AuditLines(OutputStream out, int backlog) {
        this.out = out;
        this.backlog = backlog;
    }

    /** Lines to {@code out}, with the sidecar's backlog. */
    static AuditLines to(OutputStream out) {
        return new AuditLines(out, BACKLOG);
    }

    /** Queues one line (without its newline) and writes the queue unless another thread is writing it. */
    @Override
    public void accept(String line) {
        waiting.add(line);
        if (count.incrementAndGet() > backlog) {
            // The stream is blocked: wait for it, as a direct write would have, instead of queueing without bound.
            writing.lock();
            try {
                writeWaiting();
            } finally {
                writing.unlock();
            }
        }
        // The thread writing now looks at the queue again after it releases the lock: a line added while it
        // held it is written by it or by the thread that takes the lock next.
        while (!waiting.isEmpty() && writing.tryLock()) {
            try {
                writeWaiting();
            } finally {
                writing.unlock();
            }
        }
    }

    private void writeWaiting() {
        StringBuilder text = new StringBuilder(1024);
        int lines = 0;
        for (String line = waiting.poll(); line != null; line = waiting.poll()) {
            text.append(line).append('\n');
            lines++;
        }
        if (lines == 0) {
            return;
        }
        count.addAndGet(-lines);
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // As println would: the log's reader is gone; the request that issued the token is not at fault.
            System.err.println("audit lines could not be written: " + e.getClass().getSimpleName());
        }
    }
}
