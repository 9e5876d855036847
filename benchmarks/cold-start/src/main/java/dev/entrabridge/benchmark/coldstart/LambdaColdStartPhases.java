package dev.entrabridge.benchmark.coldstart;

import dev.entrabridge.emulator.lambda.LambdaRuntimeProcess;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the Bedrock function's cold start goes: {@code runs} fresh JVMs (Lambda's default options, the
 * deployment package plus {@link BedrockColdStartPhases}, the function's environment from the emulated
 * world), each timing the construction of the runtime piece by piece and the first and second
 * invocation; prints the median of each phase. Run by {@code benchmarks/lambda-cold-start --phases}.
 *
 * <pre>
 * LambdaColdStartPhases --runs 7 --function SPEC=CLASSPATH_FILE --harness-jar JAR
 * </pre>
 */
public final class LambdaColdStartPhases {

    private LambdaColdStartPhases() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        BenchmarkedFunction function = null;
        String harnessJar = null;
        Path event = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--harness-jar" -> harnessJar = args[++i];
                case "--function" -> {
                    String[] spec = args[++i].split("=", 2);
                    function = BenchmarkedFunction.load(Path.of(spec[0]), Path.of(spec[1]));
                    event = BenchmarkedFunction.eventFile(Path.of(spec[0]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (function == null || harnessJar == null || runs < 5) {
            throw new IllegalArgumentException("usage: --runs N (5 or more) --function SPEC=CLASSPATH_FILE --harness-jar JAR");
        }
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        try (EmulatedBedrockWorld world = new EmulatedBedrockWorld()) {
            for (int run = 0; run <= runs; run++) {
                Map<String, Long> measured = measure(function, harnessJar, event, world.get());
                if (run > 0) {  // the first run only warms the page cache
                    measured.forEach((phase, ms) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(ms));
                }
            }
        }
        System.out.printf(Locale.ROOT, "Phases of %s's cold start, median of %d fresh JVMs (ms), JVM options: %s%n%n",
                function.name(), runs, String.join(" ", LambdaRuntimeProcess.LAMBDA_JVM_OPTIONS));
        System.out.println("| phase | median | min-max |");
        System.out.println("|---|---:|---:|");
        long total = 0;
        for (Map.Entry<String, List<Long>> phase : phases.entrySet()) {
            List<Long> sorted = phase.getValue().stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            if (!phase.getKey().equals("secondInvocation")) {
                total += median;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d-%d |%n", phase.getKey(), median, sorted.get(0),
                    sorted.get(sorted.size() - 1));
        }
        System.out.printf(Locale.ROOT, "| sum to the first response | %d | |%n", total);
    }

    private static Map<String, Long> measure(BenchmarkedFunction function, String harnessJar, Path event,
                                             Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LambdaRuntimeProcess.LAMBDA_JVM_OPTIONS);
        command.add("-cp");
        List<String> classpath = new ArrayList<>(function.classpath().stream().map(Path::toString).toList());
        classpath.add(harnessJar);
        command.add(String.join(File.pathSeparator, classpath));
        command.add(BedrockColdStartPhases.class.getName());
        command.add(event.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.putAll(function.environment());
        env.putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the phases run failed: " + output);
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        for (String pair : output.substring(output.lastIndexOf('\n') + 1).split(" ")) {
            String[] kv = pair.split("=", 2);
            phases.put(kv[0], Long.parseLong(kv[1]));
        }
        return phases;
    }
}
