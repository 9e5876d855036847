package dev.entrabridge.sidecar;

import dev.entrabridge.health.CheckStatus;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.HealthReportJson;
import dev.entrabridge.health.HealthReportText;
import dev.entrabridge.runtime.BridgeRuntime;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar … health [--config FILE] [--json]}: runs the credential health check once and
 * exits 0 when it passes or only warns, 1 when a check fails and 2 for a usage or configuration
 * error, so CI/CD steps and Kubernetes probes can use it.
 */
public final class HealthCommand {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private HealthCommand() {
    }

    /** Runs the check on the bridge {@code environment} configures; returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        boolean json = false;
        Path config = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--json")) {
                    json = true;
                } else if (arg.equals("--config") && i + 1 < args.length) {
                    config = Path.of(args[++i]);
                    if (!Files.isReadable(config)) {
                        throw new IllegalArgumentException("--config " + config + ": not a readable file");
                    }
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + SidecarOptions.USAGE);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try {
            Map<String, String> env = new LinkedHashMap<>(environment);
            if (config != null) {
                env.put("BRIDGE_CONFIG_FILE", config.toString());
            }
            // Audit lines (there are none: the check asks for no token on anyone's behalf) must not mix with the report.
            HealthReport report = BridgeRuntime.fromEnvironment(env, err::println).health().run();
            out.print(json ? HealthReportJson.render(report) + "\n" : HealthReportText.render(report));
            out.flush();
            return report.status() == CheckStatus.FAIL ? FAILED : PASSED;
        } catch (IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return USAGE;
        }
    }
}
