import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up to first served request of sidecar jars, measured side by side in one run: each run forks
 * {@code java -jar JAR --port 0}, waits for its "listening on" line, and times from just before the fork to
 * the first 200 from {@code /healthz}, with the CPU time the JVM had used by then. One untimed run per jar
 * warms the page cache; then jars are interleaved run by run so that a machine shared with other builds slows
 * them alike.
 *
 * <p>Without {@code --env} the sidecar gets a built-in configuration that reaches no network. With
 * {@code --env FILE} (lines {@code NAME=value}, e.g. what the benchmarks' emulated world writes for its
 * emulators in another process) and {@code --token PATH}, each run also times the first token (JVM start to
 * the first 200 on {@code PATH}: the exchange with STS and Entra) and then the second, cached one.
 * {@code --footprint LABEL[,LABEL]...} then starts those jars once more, all at once, has each serve a token, puts
 * each under {@code --load-seconds} (default 60) of {@code wrk} at {@code --connections} (default 16) kept-alive
 * connections on {@code PATH}, in rounds taken in turn, and reports each one's resident set size: {@code VmRSS} and its parts
 * {@code RssAnon} (heap, metaspace, code, stacks, malloc, and the pages of a class-data-sharing archive the JVM
 * wrote to when it relocated it) and {@code RssFile} (clean file pages: libjvm, the archives' untouched pages),
 * and the peak {@code VmHWM}, with the load's requests/s and p99.
 *
 * <pre>java benchmarks/sidecar-start-up/SidecarStartUp.java [--runs N] [--env FILE --token PATH]
 *     [--footprint LABEL[,LABEL]... [--load-seconds S] [--connections C]] LABEL=JAR[,JVM-OPTION|,env:NAME=VALUE]...</pre>
 * (e.g. {@code after-appcds=after.jar,-XX:SharedArchiveFile=after.jsa} to measure a class-data-sharing archive;
 * {@code ,env:MALLOC_ARENA_MAX=2} adds a variable to that jar's environment, as an image's {@code ENV} would).
 */
public final class SidecarStartUp {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int runs = 9;
        Path envFile = null;
        String token = null;
        String footprint = null;
        int loadSeconds = 60;
        int connections = 16;
        Map<String, String> jars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--env" -> envFile = Path.of(args[++i]);
                case "--token" -> token = args[++i];
                case "--footprint" -> footprint = args[++i];
                case "--load-seconds" -> loadSeconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                default -> {
                    String[] kv = args[i].split("=", 2);
                    jars.put(kv[0], kv[1]);
                }
            }
        }
        List<String> footprints = footprint == null ? List.of() : List.of(footprint.split(","));
        if (jars.isEmpty() || (!footprints.isEmpty() && (token == null || !jars.keySet().containsAll(footprints)))) {
            throw new IllegalArgumentException("usage: SidecarStartUp [--runs N] [--env FILE --token PATH] "
                    + "[--footprint LABEL] LABEL=JAR...");
        }
        Map<String, String> env = envFile == null ? offline() : environment(envFile);
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        jars.forEach((label, jar) -> results.put(label, new ArrayList<>()));
        for (String jar : jars.values()) {
            once(jar, env, token).close();
        }
        for (int r = 0; r < runs; r++) {
            for (Map.Entry<String, String> e : jars.entrySet()) {
                try (Started s = once(e.getValue(), env, token)) {
                    results.get(e.getKey()).add(s.figures);
                }
            }
        }
        System.out.printf("Machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("Java: %s %s%n%n", System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("Start-up, median of %d runs each (ms from just before the fork)%s%n%n", runs,
                token == null ? "" : "; the emulators the first token comes from run in another process");
        if (token == null) {
            System.out.println("| jar | to first served request (GET /healthz 200) | min-max | vs first | CPU ms | CPU vs first |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
        } else {
            System.out.println("| jar | to /healthz 200 (ready) | min-max | vs first | to first token 200 | min-max | vs first "
                    + "| CPU ms to first token | CPU vs first |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        }
        long[] base = null;
        for (Map.Entry<String, List<long[]>> e : results.entrySet()) {
            long[] m = new long[3];
            long[][] ranges = new long[3][];
            for (int k = 0; k < 3; k++) {
                int col = k;
                long[] sorted = e.getValue().stream().mapToLong(x -> x[col]).sorted().toArray();
                m[k] = sorted[sorted.length / 2];
                ranges[k] = new long[] {sorted[0], sorted[sorted.length - 1]};
            }
            if (base == null) {
                base = m;
            }
            if (token == null) {
                System.out.printf("| %s | %d | %d-%d | %.2fx | %d | %.2fx |%n", e.getKey(), m[0], ranges[0][0], ranges[0][1],
                        (double) m[0] / base[0], m[2], (double) m[2] / base[2]);
            } else {
                System.out.printf("| %s | %d | %d-%d | %.2fx | %d | %d-%d | %.2fx | %d | %.2fx |%n", e.getKey(), m[0],
                        ranges[0][0], ranges[0][1], (double) m[0] / base[0], m[1], ranges[1][0], ranges[1][1],
                        (double) m[1] / base[1], m[2], (double) m[2] / base[2]);
            }
        }
        System.out.println();
        results.forEach((label, list) -> System.out.println("- " + label + " ready/first-token/CPU ms: "
                + String.join(" ", list.stream().map(x -> x[0] + "/" + x[1] + "/" + x[2]).toList())));
        if (!footprints.isEmpty()) {
            footprint(footprints, jars, env, token, loadSeconds, connections);
        }
    }

    /**
     * RSS of each footprint sidecar: all started, each served one token, then loaded in turn, round by round
     * (rounds of about 10 s that add up to {@code seconds} each), so that a machine shared with other builds slows
     * them alike and their requests/s compare; RSS counts every resident page a process maps, whoever else maps it.
     */
    private static void footprint(List<String> labels, Map<String, String> jars, Map<String, String> env, String token,
                                  int seconds, int connections) throws Exception {
        int rounds = Math.max(1, seconds / 10);
        Map<String, Started> started = new LinkedHashMap<>();
        Map<String, Long> idle = new LinkedHashMap<>();
        Map<String, List<double[]>> loads = new LinkedHashMap<>();
        try {
            for (String label : labels) {
                Started s = once(jars.get(label), env, token);
                started.put(label, s);
                idle.put(label, status(s.process.pid(), "VmRSS"));
                loads.put(label, new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                int length = seconds / rounds + (r < seconds % rounds ? 1 : 0);
                for (String label : labels) {
                    loads.get(label).add(wrk(started.get(label).url.resolve(token), length, connections));
                }
            }
            System.out.printf("%nFootprint: all started and each served one token, then %d s of wrk each at %d kept-alive "
                    + "connections on the token, in %d rounds taken in turn (MB = MiB; req/s and p99 the rounds' medians)%n%n",
                    seconds, connections, rounds);
            System.out.println("| jar | after one token RSS | after load RSS | of it anonymous | of it file | peak RSS | req/s "
                    + "| vs first | p99 ms | non-2xx |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            double base = -1;
            for (String label : labels) {
                long pid = started.get(label).process.pid();
                double rate = median(loads.get(label), 0);
                base = base < 0 ? rate : base;
                System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.2fx | %.2f | %.0f |%n", label,
                        mb(idle.get(label)), mb(status(pid, "VmRSS")), mb(status(pid, "RssAnon")), mb(status(pid, "RssFile")),
                        mb(status(pid, "VmHWM")), rate, rate / base, median(loads.get(label), 1),
                        loads.get(label).stream().mapToDouble(x -> x[2]).sum());
            }
        } finally {
            for (Started s : started.values()) {
                s.close();
            }
        }
        System.out.println();
        labels.forEach(label -> System.out.println("- " + label + ": " + jars.get(label) + "; req/s of the rounds: "
                + String.join(" ", loads.get(label).stream().map(x -> String.format("%.0f", x[0])).toList())));
    }

    /** {requests/s, p99 ms, non-2xx} of one wrk run. */
    private static double[] wrk(URI url, int seconds, int connections) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t", "2", "-c", Integer.toString(connections), "-d", seconds + "s",
                "--latency", url.toString()).redirectErrorStream(true).start();
        String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(report);
        Matcher p99 = Pattern.compile("99%\\s+([0-9.]+)(us|ms|s)").matcher(report);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(report);
        if (!rate.find() || !p99.find()) {
            throw new IllegalStateException("wrk reported no rate or latency: " + report);
        }
        double scale = switch (p99.group(2)) {
            case "us" -> 0.001;
            case "s" -> 1000;
            default -> 1;
        };
        return new double[] {Double.parseDouble(rate.group(1)), Double.parseDouble(p99.group(1)) * scale,
                non2xx.find() ? Double.parseDouble(non2xx.group(1)) : 0};
    }

    private static double median(List<double[]> rows, int column) {
        double[] sorted = rows.stream().mapToDouble(x -> x[column]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double mb(long kb) {
        return kb / 1024.0;
    }

    /** A field of /proc/PID/status, in kB. */
    private static long status(long pid, String field) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
    }

    /** A started sidecar and its figures: {ready ms, first token ms, CPU ms by then}; a second, cached, token is then checked. */
    private record Started(Process process, URI url, long[] figures) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Started once(String jar, Map<String, String> env, String token) throws Exception {
        String[] parts = jar.split(",");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Map<String, String> environment = new LinkedHashMap<>(env);
        for (String part : List.of(parts).subList(1, parts.length)) {
            if (part.startsWith("env:")) {
                String[] kv = part.substring(4).split("=", 2);
                environment.put(kv[0], kv[1]);
            } else {
                command.add(part);
            }
        }
        command.addAll(List.of("-jar", parts[0], "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            CompletableFuture<URI> base = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            base.complete(URI.create(m.group(1)));
                        }
                    }
                    base.completeExceptionally(new IllegalStateException(jar + " exited before it listened"));
                } catch (java.io.IOException e) {
                    base.completeExceptionally(e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            URI url = base.get(60, TimeUnit.SECONDS);
            untilOk(url.resolve("/healthz"));
            long ready = (System.nanoTime() - start) / 1_000_000;
            long first = ready;
            if (token != null) {
                int status = get(url.resolve(token));
                if (status != 200) {
                    throw new IllegalStateException(jar + " answered " + status + " to the first token request");
                }
                first = (System.nanoTime() - start) / 1_000_000;
                if (get(url.resolve(token)) != 200) {
                    throw new IllegalStateException(jar + " did not serve the cached token");
                }
            }
            long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new Started(process, url, new long[] {ready, first, cpu});
        } catch (Exception | Error e) {
            process.toHandle().destroy();
            throw e;
        }
    }

    private static void untilOk(URI url) throws InterruptedException {
        while (true) {
            try {
                if (get(url) == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(5);
            }
        }
    }

    private static int get(URI url) throws java.io.IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, String> offline() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENTRA_TENANT_ID", "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a");
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", "b1e9c0de-0000-4000-8000-00000000b1e9");
        env.put("BRIDGE_CREDENTIAL_SOURCE", "client-secret");
        env.put("ENTRA_CLIENT_SECRET", "start-up-benchmark-placeholder");
        env.put("BRIDGE_AGENTS", "mail-agent=a9e17001-0000-4000-8000-0000000a9e17");
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        return env;
    }

    private static Map<String, String> environment(Path file) throws java.io.IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
