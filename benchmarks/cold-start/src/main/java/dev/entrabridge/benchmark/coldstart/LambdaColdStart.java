package dev.entrabridge.benchmark.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.entrabridge.emulator.lambda.LambdaRuntimeProcess;

/**
 * Times Lambda cold starts of one or more functions under the real RIC, with the JDK's default CDS
 * archive and with an AppCDS archive made by a training run, interleaving functions and modes so
 * that a busy machine slows them alike. Run by {@code benchmarks/lambda-cold-start}.
 *
 * <pre>
 * LambdaColdStart --runs 7 --archives DIR [--jvm-option OPT]… --function SPEC=CLASSPATH_FILE…
 * </pre>
 */
public final class LambdaColdStart {

    private LambdaColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        Path archives = Path.of("target", "cds");
        List<String> jvmOptions = new ArrayList<>();
        List<BenchmarkedFunction> functions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--archives" -> archives = Path.of(args[++i]);
                case "--jvm-option" -> jvmOptions.add(args[++i]);
                case "--function" -> {
                    String[] spec = args[++i].split("=", 2);
                    functions.add(BenchmarkedFunction.load(Path.of(spec[0]), Path.of(spec[1])));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --runs N --archives DIR [--jvm-option OPT]... --function SPEC=CLASSPATH_FILE...");
            }
        }
        if (functions.isEmpty() || runs < 5) {
            throw new IllegalArgumentException("give at least one --function and --runs 5 or more");
        }
        if (jvmOptions.isEmpty()) {
            jvmOptions.addAll(LambdaRuntimeProcess.LAMBDA_JVM_OPTIONS);
        }
        Files.createDirectories(archives);
        new LambdaColdStart().run(functions, runs, archives, jvmOptions);
    }

    private void run(List<BenchmarkedFunction> functions, int runs, Path archives, List<String> jvmOptions)
            throws Exception {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            for (BenchmarkedFunction function : functions) {
                environments.put(function.name(), providedEnvironment(function, started));
            }
            ColdStartReport report = new ColdStartReport(functions.get(0).name());
            Map<String, List<String>> appCdsOptions = new LinkedHashMap<>();
            for (BenchmarkedFunction function : functions) {
                Map<String, String> env = environments.get(function.name());
                // Untimed: fills the page cache with the jars so the first timed run is not an outlier.
                ColdStartRun.measure(function, env, jvmOptions);
                appCdsOptions.put(function.name(), train(function, env, jvmOptions, archives));
            }
            for (int run = 1; run <= runs; run++) {
                for (BenchmarkedFunction function : functions) {
                    Map<String, String> env = environments.get(function.name());
                    report.add(function.name(), ColdStartReport.DEFAULT_CDS,
                            ColdStartRun.measure(function, env, jvmOptions));
                    report.add(function.name(), ColdStartReport.APP_CDS,
                            ColdStartRun.measure(function, env, appCdsOptions.get(function.name())));
                }
                System.err.printf("run %d of %d done%n", run, runs);
            }
            System.out.print(report.render(runs, jvmOptions));
        } finally {
            for (AutoCloseable resource : started) {
                resource.close();
            }
        }
    }

    /**
     * Dumps a dynamic AppCDS archive of the classes one cold start loads (the JVM writes it when the
     * runtime exits) and returns the options that use it; {@code -Xshare:on} makes a run fail rather
     * than silently fall back should the archive not match.
     */
    private static List<String> train(BenchmarkedFunction function, Map<String, String> env, List<String> jvmOptions,
                                      Path archives) throws IOException {
        Path archive = archives.toAbsolutePath().resolve(function.name() + ".jsa");
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(jvmOptions);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        ColdStartRun.measure(function, env, training);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run of " + function.name() + " wrote no archive " + archive);
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(Arrays.asList("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
        System.err.printf("AppCDS archive for %s: %d KiB%n", function.name(), Files.size(archive) / 1024);
        return options;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> providedEnvironment(BenchmarkedFunction function, List<AutoCloseable> started)
            throws ReflectiveOperationException {
        if (function.environmentProvider().isEmpty()) {
            return Map.of();
        }
        Object provider = Class.forName(function.environmentProvider().get()).getDeclaredConstructor().newInstance();
        if (provider instanceof AutoCloseable closeable) {
            started.add(closeable);
        }
        return Map.copyOf(((Supplier<Map<String, String>>) provider).get());
    }

    static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.0f", duration.toNanos() / 1e6);
    }
}
