import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * {@code java -jar JAR --port 0} with a configuration that needs no network at start, waits for its
 * "listening on" line, and times from just before the fork to the first 200 from {@code /healthz}, with
 * the CPU time the JVM had used by then. One untimed run per jar warms the page cache; then jars are
 * interleaved run by run so that a machine shared with other builds slows them alike.
 *
 * <pre>java benchmarks/sidecar-start-up/SidecarStartUp.java [--runs N] LABEL=JAR[,JVM-OPTION]...</pre>
 * (e.g. {@code after-appcds=after.jar,-XX:SharedArchiveFile=after.jsa} to measure a class-data-sharing archive).
 */
public final class SidecarStartUp {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    public static void main(String[] args) throws Exception {
        int runs = 9;
        Map<String, String> jars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                String[] kv = args[i].split("=", 2);
                jars.put(kv[0], kv[1]);
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("usage: SidecarStartUp [--runs N] LABEL=JAR...");
        }
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        jars.forEach((label, jar) -> results.put(label, new ArrayList<>()));
        for (String jar : jars.values()) {
            once(jar);
        }
        for (int r = 0; r < runs; r++) {
            for (Map.Entry<String, String> e : jars.entrySet()) {
                results.get(e.getKey()).add(once(e.getValue()));
            }
        }
        System.out.printf("Machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        System.out.printf("Java: %s %s%n%n", System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("Start-up to first served request (GET /healthz 200), median of %d runs each%n%n", runs);
        System.out.println("| jar | median wall ms | min-max wall ms | vs first | median CPU ms | CPU vs first |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double baseWall = 0;
        double baseCpu = 0;
        for (Map.Entry<String, List<long[]>> e : results.entrySet()) {
            long[] wall = e.getValue().stream().mapToLong(x -> x[0]).sorted().toArray();
            long[] cpu = e.getValue().stream().mapToLong(x -> x[1]).sorted().toArray();
            double w = wall[wall.length / 2];
            double c = cpu[cpu.length / 2];
            if (baseWall == 0) {
                baseWall = w;
                baseCpu = c;
            }
            System.out.printf("| %s | %.0f | %d-%d | %.2fx | %.0f | %.2fx |%n", e.getKey(), w, wall[0], wall[wall.length - 1],
                    w / baseWall, c, c / baseCpu);
        }
        System.out.println();
        results.forEach((label, list) -> System.out.println("- " + label + " wall/CPU ms: "
                + String.join(" ", list.stream().map(x -> x[0] + "/" + x[1]).toList())));
    }

    /** One start: {wall ms, CPU ms} from just before the fork to the first 200 from /healthz. */
    private static long[] once(String jar) throws Exception {
        String[] parts = jar.split(",");
        List<String> command = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(parts).subList(1, parts.length));
        command.addAll(List.of("-jar", parts[0], "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("ENTRA_TENANT_ID", "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a");
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", "b1e9c0de-0000-4000-8000-00000000b1e9");
        env.put("BRIDGE_CREDENTIAL_SOURCE", "client-secret");
        env.put("ENTRA_CLIENT_SECRET", "start-up-benchmark-placeholder");
        env.put("BRIDGE_AGENTS", "mail-agent=a9e17001-0000-4000-8000-0000000a9e17");
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
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
                } catch (java.io.IOException e) {
                    base.completeExceptionally(e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            URI url = base.get(60, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest health = HttpRequest.newBuilder(url.resolve("/healthz")).timeout(Duration.ofSeconds(5)).build();
            while (true) {
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    Thread.sleep(5);
                }
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new long[] {wall, cpu};
        } finally {
            process.toHandle().destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
