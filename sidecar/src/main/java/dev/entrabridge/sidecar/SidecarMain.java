package dev.entrabridge.sidecar;

import dev.entrabridge.config.HealthSettings;
import dev.entrabridge.health.CredentialHealth;
import dev.entrabridge.runtime.BridgeRuntime;
import dev.entrabridge.sidecar.setup.EntraSetupCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code java -jar entra-agent-bridge-sidecar.jar [--port N] [--bind A] [--config F]}: options, then
 * the environment they describe (optionally a JSON file), then the {@link BridgeRuntime} built from
 * it, then the server on its endpoint; drains in-flight requests on SIGTERM. {@link #start} is the
 * seam another launcher (the demo) uses with an environment of its own.
 */
public final class SidecarMain {

    static final Duration DRAIN = Duration.ofSeconds(5);

    private SidecarMain() {
    }

    public static void main(String[] args) {
        prepareProcess();
        if (args.length == 1 && args[0].equals("warm-up")) {
            System.exit(WarmUpCommand.run(System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("health")) {
            System.exit(HealthCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("probe")) {
            System.exit(ProbeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("entra-setup")) {
            System.exit(EntraSetupCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        SidecarOptions options;
        try {
            options = SidecarOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        runUntilStopped(options, () -> start(options, System.getenv(), System.out));
    }

    /** The process-wide settings the sidecar runs with; call before anything logs or serves. */
    public static void prepareProcess() {
        // One line per log record on stderr; stdout carries the audit lines.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
    }

    /** Starts what is to be served (a sidecar, or the demo's world and its sidecar). */
    @FunctionalInterface
    public interface Startup {
        AutoCloseable start() throws IOException;
    }

    /**
     * Starts {@code startup} and keeps it running until SIGTERM, when it is closed (draining the sidecar);
     * a failure to start ends the process with a line that says why: 2 for a configuration error (its
     * message names what to set), 1 when the port is taken.
     */
    public static void runUntilStopped(SidecarOptions options, Startup startup) {
        try {
            AutoCloseable running = startup.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Plain stderr: java.util.logging resets its handlers in its own shutdown hook.
                System.err.println("entra-agent-bridge sidecar stopping: draining admitted requests (up to "
                        + DRAIN.toSeconds() + " s)");
                try {
                    running.close();
                } catch (Exception e) {
                    System.err.println("entra-agent-bridge sidecar: stopping failed: " + e);
                }
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

    /** A started sidecar; {@link #close()} drains admitted requests and stops it. */
    public static final class Running implements AutoCloseable {

        private final SidecarServer server;
        private final BridgeRuntime runtime;
        private final HealthSchedule health;

        private Running(SidecarServer server, BridgeRuntime runtime, HealthSchedule health) {
            this.server = server;
            this.runtime = runtime;
            this.health = health;
        }

        public SidecarServer server() {
            return server;
        }

        public BridgeRuntime runtime() {
            return runtime;
        }

        @Override
        public void close() {
            health.close();
            server.stop(DRAIN);
        }
    }

    /**
     * Options → environment → {@link BridgeRuntime} → server: serves the bridge that {@code environment}
     * (with {@code --config FILE} as {@code BRIDGE_CONFIG_FILE}) configures, prints where it listens on
     * {@code out}, and writes audit lines there too (in batches, by {@link AuditLines}).
     */
    public static Running start(SidecarOptions options, Map<String, String> environment, PrintStream out)
            throws IOException {
        PeerFilter peers = options.allowFrom().isEmpty() ? PeerFilter.loopbackOnly() : PeerFilter.loopbackAnd(options.allowFrom());
        Map<String, String> env = environment(options, environment);
        // The runtime (configuration, MSAL, the credential) and the HTTP server load unrelated classes: building
        // them on two threads overlaps the server's start with the runtime's, so Jetty adds little to start-up.
        Thread tls = new Thread(SidecarMain::loadTls, "sidecar-tls-load");
        tls.setDaemon(true);
        tls.start();
        // Batched by the request threads: println would make every token wait on one lock and two system calls.
        AuditLines audit = AuditLines.to(out);
        CompletableFuture<BridgeRuntime> building = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                building.complete(BridgeRuntime.fromEnvironment(env, audit));
            } catch (Throwable t) {
                building.completeExceptionally(t);
            }
        }, "sidecar-runtime");
        builder.start();
        SidecarServer server = null;
        IOException cannotListen = null;
        try {
            server = SidecarServer.bind(new InetSocketAddress(options.bind(), options.port()), options.limits(),
                    () -> building.join().endpoint(), peers).start();
        } catch (IOException e) {
            cannotListen = e;
        }
        BridgeRuntime runtime;
        try {
            runtime = built(building);
        } catch (RuntimeException | Error e) {
            // A configuration error is reported first, as when the runtime was built before the server.
            if (server != null) {
                server.stop(Duration.ZERO);
            }
            throw e;
        }
        if (cannotListen != null) {
            throw cannotListen;
        }
        if (!runtime.hasCallerPolicy()) {
            System.err.println("warning: no caller policy (BRIDGE_POLICY or the file's \"policy\"): every token request "
                    + "will be refused with 403 until one grants callers their agents");
        }
        HealthSettings health = runtime.config().health();
        // Built only when scheduled: with the schedule off no check exists and /healthz is liveness only.
        CredentialHealth check = health.scheduled() ? runtime.health() : null;
        HealthSchedule schedule = check == null ? HealthSchedule.off() : HealthSchedule.start(check, health.interval());
        out.println("entra-agent-bridge sidecar listening on " + server.baseUrl()
                + (peers.loopbackOnlyMode() ? " (loopback callers only)" : " (loopback and " + options.allowFrom() + ")"));
        out.flush();
        return new Running(server, runtime, schedule);
    }

    /**
     * Loads the JDK's TLS classes and default trust store (cached by the JDK) on a third thread: the runtime's
     * outbound client needs them and would otherwise load them after the configuration, one after the other.
     * Nothing is connected and nothing time-bound is kept.
     */
    private static void loadTls() {
        try {
            javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm())
                    .init((java.security.KeyStore) null);
            javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.GeneralSecurityException e) {
            // The runtime builds its own context and reports a real failure; this was only ahead of time.
        }
    }

    /** The runtime the builder thread made, or the exception it threw (a configuration error, unwrapped). */
    private static BridgeRuntime built(CompletableFuture<BridgeRuntime> building) {
        try {
            return building.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
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
}
