package dev.entrabridge.sidecar;

import org.eclipse.jetty.io.Connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Closes connections whose request head (request line and headers) has not fully arrived within the
 * request timeout of its first byte. Jetty parses heads without holding a thread, but its idle
 * timeout restarts with every byte, so a client trickling one byte a second would keep a
 * connection slot forever; this is the slowloris guard the server lacks. A connection counts as
 * receiving a head when bytes arrived after its last exchange and the bridge has not yet been
 * handed a request on it; checked on every {@link #sweep()}, so a head is cut off within the
 * timeout plus the sweep interval.
 */
final class RequestHeadDeadline implements Connection.Listener {

    private static final System.Logger LOG = System.getLogger(RequestHeadDeadline.class.getName());

    private final Map<Connection, Watch> open = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final LongSupplier nanoTime;

    RequestHeadDeadline(Duration timeout, LongSupplier nanoTime) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new Watch(connection.getBytesIn()));
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** The head of a request on {@code connection} is complete: the bridge has it. */
    void requestStarted(Connection connection) {
        Watch w = open.get(connection);
        if (w != null) {
            w.busy = true;
        }
    }

    /** The exchange on {@code connection} is over: the next head's clock starts with its first byte. */
    void requestEnded(Connection connection) {
        Watch w = open.get(connection);
        if (w != null) {
            w.bytesAtIdle = connection.getBytesIn();
            w.headSince = 0;
            w.busy = false;
        }
    }

    /** Closes every connection whose head has been arriving for longer than the timeout. */
    void sweep() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<Connection, Watch> e : open.entrySet()) {
            Connection c = e.getKey();
            Watch w = e.getValue();
            if (w.busy || c.getBytesIn() <= w.bytesAtIdle) {
                continue;
            }
            if (w.headSince == 0) {
                w.headSince = now;
            } else if (now - w.headSince > timeoutNanos) {
                LOG.log(System.Logger.Level.INFO, "event=sidecar_slow_request_closed remote={0} timeout_ms={1}",
                        c.getEndPoint().getRemoteSocketAddress(), timeoutNanos / 1_000_000);
                open.remove(c);
                c.getEndPoint().close();
            }
        }
    }

    /** Open connections being watched. */
    int size() {
        return open.size();
    }

    /** What is known of one connection between sweeps. */
    private static final class Watch {
        volatile long bytesAtIdle;
        volatile long headSince;
        volatile boolean busy;

        Watch(long bytesIn) {
            this.bytesAtIdle = bytesIn;
        }
    }
}
