package dev.entrabridge.sidecar;

import dev.entrabridge.config.HealthSettings;
import dev.entrabridge.health.CredentialHealth;
import dev.entrabridge.runtime.BridgeRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar entra-agent-bridge-sidecar.jar [--demo] [--port N] [--bind A] [--config F]}: options,
 * then the environment they describe (optionally a JSON file), then the {@link BridgeRuntime} built
 * from it, then the server on its endpoint; drains in-flight requests on SIGTERM. With {@code --demo}
 * it first starts the emulators and configures itself for them.
 */
public final class SidecarMain {

    static final Duration DRAIN = Duration.ofSeconds(5);

    private SidecarMain() {
    }

    public static void main(String[] args) {
        // One line per log record on stderr; stdout carries the audit lines.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
        if (args.length > 0 && args[0].equals("health")) {
            System.exit(HealthCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        // The JDK server's own limits (seconds): a client that trickles its request or never reads the
        // answer is cut off instead of holding a worker.
        System.setProperty("sun.net.httpserver.maxReqTime", "30");
        System.setProperty("sun.net.httpserver.maxRspTime", "30");
        SidecarOptions options;
        try {
            options = SidecarOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Running running = start(options, System.getenv(), System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Plain stderr: java.util.logging resets its handlers in its own shutdown hook.
                System.err.println("entra-agent-bridge sidecar stopping: draining admitted requests (up to "
                        + DRAIN.toSeconds() + " s)");
                running.close();
                System.err.println("entra-agent-bridge sidecar stopped");
            }, "sidecar-shutdown"));
        } catch (IllegalArgumentException e) {
            // ConfigException (an IllegalArgumentException, policy errors included): the message names what to set.
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("cannot listen on " + options.bind() + ":" + options.port() + " (" + e.getMessage()
                    + "): is another sidecar running? Pick another port with --port.");
            System.exit(1);
        }
    }

    /** A started sidecar (and, in demo mode, its emulators); {@link #close()} drains and stops both. */
    record Running(SidecarServer server, BridgeRuntime runtime, DemoTenant demo, HealthSchedule health)
            implements AutoCloseable {
        @Override
        public void close() {
            health.close();
            server.stop(DRAIN);
            if (demo != null) {
                demo.close();
            }
        }
    }

    static Running start(SidecarOptions options, Map<String, String> environment, PrintStream out) throws IOException {
        DemoTenant demo = null;
        try {
            Map<String, String> env = new LinkedHashMap<>(environment);
            if (options.demo()) {
                demo = DemoTenant.start(Clock.systemUTC(), Files.createTempDirectory("entra-agent-bridge-demo"));
                options.demoBreak().ifPresent(demo::breakWith);
                env = demo.environmentKeepingHealthSettings(env);
            }
            return start(options, environment(options, env), out, demo);
        } catch (IOException | RuntimeException e) {
            if (demo != null) {
                demo.close();
            }
            throw e;
        }
    }

    /** The bridge's environment for these options: {@code --config FILE} becomes {@code BRIDGE_CONFIG_FILE}. */
    static Map<String, String> environment(SidecarOptions options, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        options.config().ifPresent(file -> env.put("BRIDGE_CONFIG_FILE", file.toString()));
        return env;
    }

    private static Running start(SidecarOptions options, Map<String, String> env, PrintStream out, DemoTenant demo)
            throws IOException {
        BridgeRuntime runtime = BridgeRuntime.fromEnvironment(env, out::println);
        if (!runtime.hasCallerPolicy()) {
            System.err.println("warning: no caller policy (BRIDGE_POLICY or the file's \"policy\"): every token request "
                    + "will be refused with 403 until one grants callers their agents");
        }
        HealthSettings health = runtime.config().health();
        // Built only when scheduled: with the schedule off no check exists and /healthz is liveness only.
        CredentialHealth check = health.scheduled() ? runtime.health() : null;
        PeerFilter peers = options.allowFrom().isEmpty() ? PeerFilter.loopbackOnly() : PeerFilter.loopbackAnd(options.allowFrom());
        SidecarServer server = SidecarServer.bind(new InetSocketAddress(options.bind(), options.port()), options.workers(),
                runtime.endpoint(), peers).start();
        HealthSchedule schedule = check == null ? HealthSchedule.off() : HealthSchedule.start(check, health.interval());
        out.println("entra-agent-bridge sidecar listening on " + server.baseUrl()
                + (peers.loopbackOnlyMode() ? " (loopback callers only)" : " (loopback and " + options.allowFrom() + ")"));
        if (demo != null) {
            out.println(DemoInstructions.text(server.baseUrl(), demo.entraBaseUrl(), demo.graphBaseUrl(), demo.caFile()));
            options.demoBreak().ifPresent(b -> out.println("Deliberately broken (--demo-break=" + b.flagValue() + "): "
                    + b.description() + ". curl " + server.baseUrl() + "/healthz shows the failing report.\n"));
        }
        out.flush();
        return new Running(server, runtime, demo, schedule);
    }
}
