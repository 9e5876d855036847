package dev.entrabridge.downstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one downstream call.
 *
 * @param connectTimeout   TCP+TLS connect timeout
 * @param responseTimeout  from sending the request until the whole response body is read
 * @param maxRequestBytes  larger request bodies are refused (413)
 * @param maxResponseBytes larger responses are cut off and reported (502), never passed on truncated
 */
public record DownstreamLimits(Duration connectTimeout, Duration responseTimeout, int maxRequestBytes,
                               int maxResponseBytes) {

    public DownstreamLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (maxRequestBytes < 0 || maxResponseBytes <= 0) {
            throw new IllegalArgumentException("size caps must be positive");
        }
    }

    /** 5 s connect, 30 s response, 256 KiB request, 1 MiB response. */
    public static DownstreamLimits defaults() {
        return new DownstreamLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 256 * 1024, 1024 * 1024);
    }
}
