package dev.entrabridge.sidecar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class AuditLinesTest {

    @Test
    void writesEachLineWithItsNewlineBeforeAcceptReturnsWhenNoOtherThreadWrites() {
        Recording out = new Recording();
        AuditLines lines = new AuditLines(out, 16);

        lines.accept("{\"n\":1}");
        assertEquals("{\"n\":1}\n", out.text());
        lines.accept("{\"n\":2}");

        assertEquals("{\"n\":1}\n{\"n\":2}\n", out.text());
        assertEquals(2, out.writes.get(), "one write per line when nothing waits");
    }

    @Test
    void concurrentRequestsLoseNoLineAndKeepEachThreadsOrder() throws Exception {
        Recording out = new Recording();
        AuditLines lines = new AuditLines(out, 64);
        int threads = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        lines.accept(thread + ":" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> written = Arrays.asList(out.text().split("\n"));
        assertEquals(threads * each, written.size());
        int[] next = new int[threads];
        for (String line : written) {
            int colon = line.indexOf(':');
            int thread = Integer.parseInt(line.substring(0, colon));
            assertEquals(next[thread]++, Integer.parseInt(line.substring(colon + 1)), "thread " + thread + "'s order");
        }
        assertTrue(out.writes.get() <= threads * each);
    }

    @Test
    void aLineQueuedWhileAnotherThreadWritesIsWrittenByThatThreadBeforeItReturns() throws Exception {
        Recording out = new Recording();
        out.blockFirstWrite();
        AuditLines lines = new AuditLines(out, 16);
        Thread first = new Thread(() -> lines.accept("first"));
        first.start();
        assertTrue(out.blocked.await(10, TimeUnit.SECONDS));

        lines.accept("second");
        assertEquals("", out.text(), "the second request did not wait for the stream");
        out.release.countDown();
        first.join(10_000);

        assertFalse(first.isAlive());
        assertEquals("first\nsecond\n", out.text());
        assertEquals(2, out.writes.get(), "the waiting line went out in the first thread's next write");
    }

    @Test
    void aRequestWaitsForTheStreamOnceTheBacklogIsFull() throws Exception {
        Recording out = new Recording();
        out.blockFirstWrite();
        AuditLines lines = new AuditLines(out, 2);
        Thread first = new Thread(() -> lines.accept("1"));
        first.start();
        assertTrue(out.blocked.await(10, TimeUnit.SECONDS));
        lines.accept("2");
        lines.accept("3");
        CountDownLatch fourthDone = new CountDownLatch(1);
        Thread fourth = new Thread(() -> {
            lines.accept("4");
            fourthDone.countDown();
        });
        fourth.start();

        assertFalse(fourthDone.await(300, TimeUnit.MILLISECONDS), "a line beyond the backlog waits for the stream");
        out.release.countDown();
        assertTrue(fourthDone.await(10, TimeUnit.SECONDS));
        first.join(10_000);

        assertEquals("1\n2\n3\n4\n", out.text());
    }

    /** Records what is written; can hold its first write until released. */
    private static final class Recording extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean blockFirst;

        void blockFirstWrite() {
            blockFirst = true;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (blockFirst && writes.get() == 0) {
                blocked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
            writes.incrementAndGet();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
