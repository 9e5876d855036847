package dev.entrabridge.sidecar;

import java.time.Duration;

/**
 * What the sidecar's server grants one pod-mate, busy or hostile: worker threads, open connections,
 * how long a request may wait for a worker before it is shed, how long its head and body may take
 * to arrive, and how long an idle kept-alive connection stays open.
 *
 * @param workers        threads that run the bridge ({@code --workers}, default 16)
 * @param maxConnections open connections at most ({@code --max-connections}, default 512); beyond it new
 *                       connections wait in the accept backlog
 * @param maxWait        a request that waited longer than this for a worker gets 503 with {@code Retry-After}
 *                       ({@code --max-wait-ms}, default 2000)
 * @param requestTimeout the request line, headers and body must arrive within this of the request's first
 *                       byte ({@code --request-timeout-seconds}, default 10)
 * @param idleTimeout    a connection on which nothing arrives for this long is closed (30 s)
 */
public record ServerLimits(int workers, int maxConnections, Duration maxWait, Duration requestTimeout,
                           Duration idleTimeout) {

    public static final ServerLimits DEFAULTS = new ServerLimits(16, 512, Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ServerLimits {
        if (workers < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("workers and maxConnections must be positive");
        }
        if (maxWait.isNegative() || maxWait.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("maxWait, requestTimeout and idleTimeout must be positive");
        }
    }

    public ServerLimits withWorkers(int n) {
        return new ServerLimits(n, maxConnections, maxWait, requestTimeout, idleTimeout);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(workers, n, maxWait, requestTimeout, idleTimeout);
    }

    public ServerLimits withMaxWait(Duration d) {
        return new ServerLimits(workers, maxConnections, d, requestTimeout, idleTimeout);
    }

    public ServerLimits withRequestTimeout(Duration d) {
        return new ServerLimits(workers, maxConnections, maxWait, d, idleTimeout);
    }

    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(workers, maxConnections, maxWait, requestTimeout, d);
    }
}
