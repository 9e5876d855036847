package dev.entrabridge.benchmark.inprocess;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CachedTokenBenchmark} in JMH's sample-time mode (every call timed) at 1, 2 and 16 threads
 * and prints the median and 99th percentile per call of each way, with MSAL's cache path as the anchor
 * measured in the same run.
 *
 * <pre>java -cp … dev.entrabridge.benchmark.inprocess.CachedTokenReport [--threads 1,2,16] [--quick]</pre>
 */
public final class CachedTokenReport {

    private CachedTokenReport() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> threads = List.of(1, 2, 16);
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads")) {
                threads = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
            } else if (args[i].equals("--quick")) {
                quick = true;
            }
        }
        Map<Integer, Map<String, Statistics>> results = new LinkedHashMap<>();
        for (int t : threads) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(CachedTokenBenchmark.class.getName() + "\\.")
                    .mode(Mode.SampleTime).timeUnit(TimeUnit.NANOSECONDS)
                    .threads(t).forks(1).verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                    .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(quick ? 2 : 4).measurementTime(TimeValue.seconds(1))
                    // The emulators log each request they serve; the bridge logs a line per issued token at INFO.
                    .jvmArgsAppend("-Djava.util.logging.config.file=/dev/null");
            Map<String, Statistics> byMethod = new LinkedHashMap<>();
            for (RunResult r : new Runner(options.build()).run()) {
                String label = r.getParams().getBenchmark();
                byMethod.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getStatistics());
            }
            results.put(t, byMethod);
        }
        System.out.println("Cached token, per call (JMH sample time, every call timed; µs): median / p99, and MSAL's median "
                + "over each");
        System.out.println();
        System.out.println("| threads | core `AgentTokenService.acquire` | `TokenIssuance.issue` (policy + audit line) "
                + "| MSAL4J `acquireToken(...).get()` (anchor) | MSAL median / core median | MSAL median / issuance median |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<Integer, Map<String, Statistics>> e : results.entrySet()) {
            Statistics core = e.getValue().get("core");
            Statistics issuance = e.getValue().get("issuance");
            Statistics msal = e.getValue().get("msal");
            System.out.printf("| %d | %s | %s | %s | %.0fx | %.0fx |%n", e.getKey(), cell(core), cell(issuance), cell(msal),
                    msal.getPercentile(50) / core.getPercentile(50), msal.getPercentile(50) / issuance.getPercentile(50));
        }
        List<String> counts = new ArrayList<>();
        results.forEach((t, m) -> m.forEach((name, s) -> counts.add(name + "@" + t + ": " + s.getN())));
        System.out.println();
        System.out.println("Samples: " + String.join(", ", counts));
    }

    private static String cell(Statistics s) {
        return String.format("%.3f / %.3f", s.getPercentile(50) / 1000, s.getPercentile(99) / 1000);
    }
}
