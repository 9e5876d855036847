package dev.entrabridge.benchmark.coldstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Collects the measurements and renders medians, ranges and ratios as a Markdown table. */
final class ColdStartReport {

    static final String DEFAULT_CDS = "default CDS";
    static final String APP_CDS = "AppCDS";

    private final String baseline;
    private final Map<String, Map<String, List<ColdStart>>> runs = new LinkedHashMap<>();

    ColdStartReport(String baseline) {
        this.baseline = baseline;
    }

    void add(String function, String mode, ColdStart coldStart) {
        runs.computeIfAbsent(function, f -> new LinkedHashMap<>()).computeIfAbsent(mode, m -> new ArrayList<>())
                .add(coldStart);
    }

    String render(int runCount, List<String> jvmOptions) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cold starts, median of %d runs each (ms, JVM start to ...), JVM options: %s%n%n",
                runCount, String.join(" ", jvmOptions)));
        out.append("| function | CDS | to first /next (init) | init vs " + baseline + " | to first response |"
                + " min-max first response | vs " + baseline + " | AppCDS vs default | CPU to first response | CPU vs "
                + baseline + " | CPU AppCDS vs default |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        runs.forEach((function, modes) -> modes.forEach((mode, measured) -> {
            Duration response = median(measured, ColdStart::toFirstResponse);
            Duration cpu = median(measured, ColdStart::cpuToFirstResponse);
            Duration init = median(measured, ColdStart::toInitialised);
            // The init ratio is an added view (init is where SnapStart's restore and Lambda's boosted CPU apply);
            // the ratio the target is set on stays the one to the first response.
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2fx | %s | %s-%s | %.2fx | %s | %s | %.2fx | %s |%n",
                    function, mode,
                    LambdaColdStart.millis(init),
                    ratio(init, median(runs.get(baseline).get(mode), ColdStart::toInitialised)),
                    LambdaColdStart.millis(response),
                    LambdaColdStart.millis(extreme(measured, false)), LambdaColdStart.millis(extreme(measured, true)),
                    ratio(response, median(runs.get(baseline).get(mode), ColdStart::toFirstResponse)),
                    againstDefault(mode, response, modes, ColdStart::toFirstResponse),
                    LambdaColdStart.millis(cpu),
                    ratio(cpu, median(runs.get(baseline).get(mode), ColdStart::cpuToFirstResponse)),
                    againstDefault(mode, cpu, modes, ColdStart::cpuToFirstResponse)));
        }));
        out.append("\nEach run's first response, wall / CPU (ms):\n");
        runs.forEach((function, modes) -> modes.forEach((mode, measured) -> out.append(String.format(Locale.ROOT,
                "- %s, %s: %s%n", function, mode, measured.stream()
                        .map(c -> LambdaColdStart.millis(c.toFirstResponse()) + "/"
                                + LambdaColdStart.millis(c.cpuToFirstResponse()))
                        .collect(Collectors.joining(" "))))));
        return out.toString();
    }

    private static String againstDefault(String mode, Duration value, Map<String, List<ColdStart>> modes,
                                         Function<ColdStart, Duration> which) {
        return mode.equals(APP_CDS)
                ? String.format(Locale.ROOT, "%.2fx", ratio(value, median(modes.get(DEFAULT_CDS), which)))
                : "";
    }

    private static Duration median(List<ColdStart> measured, Function<ColdStart, Duration> which) {
        List<Duration> sorted = measured.stream().map(which).sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    private static Duration extreme(List<ColdStart> measured, boolean max) {
        Comparator<Duration> order = Comparator.naturalOrder();
        return measured.stream().map(ColdStart::toFirstResponse).max(max ? order : order.reversed()).orElseThrow();
    }

    private static double ratio(Duration value, Duration base) {
        return (double) value.toNanos() / base.toNanos();
    }
}
