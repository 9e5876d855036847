package dev.entrabridge.benchmark.sidecarload;

import java.io.BufferedReader;
import java.io.IOException;
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
 * The sidecar answering cached tokens on loopback under {@code wrk} (kept-alive connections), next to
 * {@link dev.entrabridge.sidecar.BareJettyServer} — the same Jetty, configured by the same code, answering a
 * fixed body of the size of the sidecar's answer — in the same run: one untimed warm-up per server, then for
 * each connection count the two servers one after the other, {@code --rounds} times, and the better round of
 * each kept (a machine shared with other builds slows a round, never speeds it up). Both JVMs get the same
 * options; the emulators the sidecar's one token came from run in their own process
 * ({@link EmulatedSidecarWorld}).
 *
 * <pre>java -cp … SidecarLoad --env FILE --sidecar-jar JAR --bare-classpath CP [--seconds 8] [--connections 1,16,64]
 *     [--rounds 2] [--jvm-option OPT]...</pre>
 */
public final class SidecarLoad {

    static final String TOKEN_PATH = "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private SidecarLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path env = null;
        String jar = null;
        String bareClasspath = null;
        int seconds = 8;
        int rounds = 2;
        List<Integer> connections = List.of(1, 16, 64);
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--env" -> env = Path.of(args[++i]);
                case "--sidecar-jar" -> jar = args[++i];
                case "--bare-classpath" -> bareClasspath = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = java.util.Arrays.stream(args[++i].split(","))
                        .map(Integer::valueOf).toList();
                case "--jvm-option" -> jvm.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> environment = readEnvironment(env);
        List<String> sidecarCommand = new ArrayList<>(java());
        sidecarCommand.addAll(jvm);
        sidecarCommand.addAll(List.of("-jar", jar, "--port", "0"));
        try (Served sidecar = Served.start("sidecar", sidecarCommand, environment)) {
            HttpResponse<byte[]> token = get(sidecar.url.resolve(TOKEN_PATH));
            if (token.statusCode() != 200) {
                throw new IllegalStateException("the sidecar did not serve a token: " + token.statusCode() + " "
                        + new String(token.body(), StandardCharsets.UTF_8));
            }
            int bodyBytes = token.body().length;
            List<String> bareCommand = new ArrayList<>(java());
            bareCommand.addAll(jvm);
            bareCommand.addAll(List.of("-cp", bareClasspath, "dev.entrabridge.sidecar.BareJettyServer", "--port", "0",
                    "--body-bytes", Integer.toString(bodyBytes)));
            try (Served bare = Served.start("bare", bareCommand, Map.of())) {
                HttpResponse<byte[]> fixed = get(bare.url.resolve(TOKEN_PATH));
                if (fixed.statusCode() != 200 || fixed.body().length != bodyBytes) {
                    throw new IllegalStateException("the bare server's answer is not " + bodyBytes + " bytes");
                }
                Map<String, URI> servers = new LinkedHashMap<>();
                servers.put("bare Jetty (same configuration, fixed body)", bare.url.resolve(TOKEN_PATH));
                servers.put("sidecar (cached token)", sidecar.url.resolve(TOKEN_PATH));
                for (URI url : servers.values()) {
                    Wrk.run(url, 16, 3); // warm-up: C1 compiles the paths, the connection pools fill
                }
                Map<Integer, Map<String, Wrk>> best = new LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    for (int c : connections) {
                        for (Map.Entry<String, URI> s : servers.entrySet()) {
                            Wrk result = Wrk.run(s.getValue(), c, seconds);
                            best.computeIfAbsent(c, k -> new LinkedHashMap<>()).merge(s.getKey(), result, Wrk::better);
                        }
                    }
                }
                print(best, bodyBytes, seconds, rounds, jvm);
            }
        }
    }

    private static void print(Map<Integer, Map<String, Wrk>> best, int bodyBytes, int seconds, int rounds, List<String> jvm) {
        System.out.printf("Loopback HTTP, kept-alive, wrk %d s per run, best of %d rounds, body %d bytes, JVM options: %s%n%n",
                seconds, rounds, bodyBytes, jvm.isEmpty() ? "(none)" : String.join(" ", jvm));
        System.out.println("| connections | server | requests/s | p50 ms | p99 ms | non-2xx | socket errors | throughput vs bare "
                + "| p99 vs bare |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        best.forEach((c, byServer) -> {
            Wrk base = byServer.values().iterator().next();
            byServer.forEach((label, w) -> System.out.printf("| %d | %s | %,.0f | %.3f | %.3f | %d | %d | %.0f %% | %.2fx |%n",
                    c, label, w.requestsPerSecond, w.p50Millis, w.p99Millis, w.non2xx, w.socketErrors,
                    100 * w.requestsPerSecond / base.requestsPerSecond, w.p99Millis / base.p99Millis));
        });
    }

    static List<String> java() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    }

    static Map<String, String> readEnvironment(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    static HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A server process: its URL from its "listening on" line; its output drained (and discarded) as it runs. */
    static final class Served implements AutoCloseable {
        final Process process;
        final URI url;

        private Served(Process process, URI url) {
            this.process = process;
            this.url = url;
        }

        static Served start(String name, List<String> command, Map<String, String> environment) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            CompletableFuture<URI> url = new CompletableFuture<>();
            Thread drain = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (!url.isDone()) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                url.complete(URI.create(m.group(1)));
                            }
                        }
                    }
                    url.completeExceptionally(new IllegalStateException(name + " exited before it listened"));
                } catch (IOException e) {
                    url.completeExceptionally(e);
                }
            }, name + "-output");
            drain.setDaemon(true);
            drain.start();
            try {
                return new Served(process, url.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
