package dev.entrabridge.sidecar;

import dev.entrabridge.health.CheckStatus;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.HealthReportJson;
import dev.entrabridge.health.HealthReportText;
import dev.entrabridge.runtime.BridgeRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar … health [--demo [--demo-break=NAME]] [--config FILE] [--json]}: runs the
 * credential health check once and exits 0 when it passes or only warns, 1 when a check fails and
 * 2 for a usage or configuration error, so CI/CD steps and Kubernetes probes can use it.
 */
final class HealthCommand {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private HealthCommand() {
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        boolean demo = false;
        boolean json = false;
        Path config = null;
        Optional<DemoBreak> breakage = Optional.empty();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--demo")) {
                    demo = true;
                } else if (arg.equals("--json")) {
                    json = true;
                } else if (arg.startsWith("--demo-break=")) {
                    breakage = Optional.of(DemoBreak.parse(arg.substring("--demo-break=".length())));
                } else if (arg.equals("--config") && i + 1 < args.length) {
                    config = Path.of(args[++i]);
                    if (!Files.isReadable(config)) {
                        throw new IllegalArgumentException("--config " + config + ": not a readable file");
                    }
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + SidecarOptions.USAGE);
                }
            }
            if (breakage.isPresent() && !demo) {
                throw new IllegalArgumentException("--demo-break only applies with --demo");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        DemoTenant world = null;
        try {
            Map<String, String> env = new LinkedHashMap<>(environment);
            if (demo) {
                world = DemoTenant.start(Clock.systemUTC(), Files.createTempDirectory("entra-agent-bridge-health"));
                breakage.ifPresent(world::breakWith);
                env = world.environmentKeepingHealthSettings(env);
            }
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
        } catch (IOException e) {
            err.println("cannot create a working directory for the demo: " + e.getMessage());
            return USAGE;
        } finally {
            if (world != null) {
                world.close();
            }
        }
    }
}
