package dev.entrabridge.benchmark.sidecarload;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code wrk --latency} run and what its report says: requests per second, the 50th and 99th
 * latency percentiles, non-2xx answers and socket errors. Two threads (one for a single connection).
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    final double requestsPerSecond;
    final double p50Millis;
    final double p99Millis;
    final long non2xx;
    final long socketErrors;

    private Wrk(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx, long socketErrors) {
        this.requestsPerSecond = requestsPerSecond;
        this.p50Millis = p50Millis;
        this.p99Millis = p99Millis;
        this.non2xx = non2xx;
        this.socketErrors = socketErrors;
    }

    static Wrk run(URI url, int connections, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("wrk", "-t", Integer.toString(Math.min(2, connections)), "-c",
                Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s", "--latency", url.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return parse(out);
    }

    static Wrk parse(String out) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's report:\n" + out);
        }
        Matcher non2xx = NON_2XX.matcher(out);
        Matcher socket = SOCKET.matcher(out);
        long errors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Wrk(Double.parseDouble(rate.group(1)), percentile(out, "50%"), percentile(out, "99%"),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errors);
    }

    /** A line of the latency distribution, e.g. {@code 99%  812.00us}, in milliseconds. */
    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(which) + "\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + which + " latency in wrk's report:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            default -> v * 1000;
        };
    }

    /** The round that the machine slowed least: higher throughput; its errors are kept if either had some. */
    Wrk better(Wrk other) {
        Wrk best = other.requestsPerSecond > requestsPerSecond ? other : this;
        return new Wrk(best.requestsPerSecond, best.p50Millis, best.p99Millis, Math.max(non2xx, other.non2xx),
                Math.max(socketErrors, other.socketErrors));
    }
}
