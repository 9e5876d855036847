package dev.entrabridge.demo;

import dev.entrabridge.sidecar.HealthCommand;
import dev.entrabridge.sidecar.SidecarMain;
import dev.entrabridge.sidecar.SidecarOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code ./demo [--port N] [--bind A] [--allow-from CIDR]... [--workers N] [--demo-break=NAME]} and
 * {@code ./demo health [--demo-break=NAME] [--json]}: starts the emulated world in this process,
 * then the production sidecar configured for it by environment alone, and prints the curl commands
 * to try; or runs the sidecar's health command once on that world. {@code ./demo bedrock [EVENT.json …]}
 * runs the Bedrock action-group Lambda on that world instead ({@link BedrockDemo}).
 */
public final class DemoMain {

    /** Where {@code ./demo} builds this jar, relative to the repository root. */
    static final String JAR = "demo-app/target/entra-agent-bridge-demo.jar";

    private DemoMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bedrock")) {
            System.exit(BedrockDemo.run(List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        SidecarMain.prepareProcess();
        DemoOptions options;
        SidecarOptions sidecar;
        try {
            options = DemoOptions.parse(args);
            sidecar = options.health() ? null : SidecarOptions.parse(options.passedOn().toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(HealthCommand.USAGE);
            return;
        }
        if (options.health()) {
            System.exit(health(options, System.getenv(), System.out, System.err));
            return;
        }
        SidecarMain.runUntilStopped(sidecar, () -> start(options, sidecar, System.getenv(), System.out));
    }

    /** The demo world and the sidecar serving it; {@link #close()} drains the sidecar, then stops the world. */
    record Running(DemoTenant world, SidecarMain.Running sidecar) implements AutoCloseable {

        URI baseUrl() {
            return sidecar.server().baseUrl();
        }

        @Override
        public void close() {
            sidecar.close();
            world.close();
        }
    }

    /**
     * Starts the world (broken as asked), then the sidecar on the world's environment plus the operator's
     * own {@code BRIDGE_HEALTH_*} settings from {@code outer}, and prints the walkthrough on {@code out}.
     */
    static Running start(DemoOptions options, SidecarOptions sidecar, Map<String, String> outer, PrintStream out)
            throws IOException {
        DemoTenant world = world(options);
        try {
            SidecarMain.Running running = SidecarMain.start(sidecar, world.environmentKeepingHealthSettings(outer),
                    out);
            URI base = running.server().baseUrl();
            out.println(DemoInstructions.text(base, world.entraBaseUrl(), world.graphBaseUrl(), world.caFile()));
            options.demoBreak().ifPresent(b -> out.println("Deliberately broken (--demo-break=" + b.flagValue() + "): "
                    + b.description() + ". curl " + base + "/healthz shows the failing report.\n"));
            out.flush();
            return new Running(world, running);
        } catch (IOException | RuntimeException e) {
            world.close();
            throw e;
        }
    }

    /** The sidecar's health command, once, on the (possibly broken) demo world; returns its exit code. */
    static int health(DemoOptions options, Map<String, String> outer, PrintStream out, PrintStream err) {
        DemoTenant world;
        try {
            world = world(options);
        } catch (IOException e) {
            err.println("cannot create a working directory for the demo: " + e.getMessage());
            return HealthCommand.USAGE;
        }
        try (world) {
            return HealthCommand.run(options.passedOn().toArray(String[]::new),
                    world.environmentKeepingHealthSettings(outer), out, err);
        }
    }

    private static DemoTenant world(DemoOptions options) throws IOException {
        DemoTenant world = DemoTenant.start(Clock.systemUTC(), Files.createTempDirectory("entra-agent-bridge-demo"));
        options.demoBreak().ifPresent(world::breakWith);
        return world;
    }
}
