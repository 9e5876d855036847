package dev.entrabridge.sidecar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecar's command line, validated: every mistake names the flag and what to write.
 *
 * @param bind       address to listen on ({@code --bind}, default {@code 127.0.0.1})
 * @param port       port ({@code --port}, default 7000; 0 picks a free one)
 * @param config     bridge configuration JSON ({@code --config}); the environment still wins over it
 * @param allowFrom  networks admitted besides loopback ({@code --allow-from}, repeatable)
 * @param limits     workers, connections, waits and timeouts ({@code --workers}, {@code --max-connections},
 *                   {@code --max-wait-ms}, {@code --request-timeout-seconds})
 */
public record SidecarOptions(String bind, int port, Optional<Path> config, List<String> allowFrom, ServerLimits limits) {

    static final String USAGE = String.join("\n",
            "usage: java -jar entra-agent-bridge-sidecar.jar [--port N] [--bind ADDRESS] [--config FILE]",
            "                                                [--allow-from CIDR]... [--workers N] [--max-connections N]",
            "                                                [--max-wait-ms N] [--request-timeout-seconds N]",
            "  --port N         listen port (default 7000; 0 = any free port)",
            "  --bind ADDRESS   listen address (default 127.0.0.1)",
            "  --config FILE    bridge configuration JSON (same as BRIDGE_CONFIG_FILE; environment variables win)",
            "  --allow-from CIDR  also serve peers in this network (default: loopback callers only)",
            "  --workers N      worker threads (default 16)",
            "  --max-connections N  open connections at most (default 512; more wait to be accepted)",
            "  --max-wait-ms N  a request that waited longer for a worker gets 503 + Retry-After (default 2000)",
            "  --request-timeout-seconds N  a request's line, headers and body must arrive within N s (default 10)",
            "",
            "       java -jar entra-agent-bridge-sidecar.jar health [--config FILE] [--json]",
            "  runs the credential health check once, prints the report and exits 0 (pass or warn) or 1 (fail)",
            "",
            "       java -jar entra-agent-bridge-sidecar.jar probe [--port N]",
            "  exits 0 when the sidecar on 127.0.0.1 answers /healthz with 200 (a Kubernetes exec probe)",
            "",
            "       java -jar entra-agent-bridge-sidecar.jar entra-setup --tenant ID --blueprint APP_ID [outputs...]",
            "  creates or verifies the blueprint's federated identity credentials (entra-setup --help for the flags)",
            "",
            "       java -XX:ArchiveClassesAtExit=sidecar.jsa -jar entra-agent-bridge-sidecar.jar warm-up",
            "  serves a few requests offline and exits, so the JVM dumps a class-data-sharing archive to start from",
            "",
            "  (the demo on emulators is a separate jar: ./demo from the repository root)");

    /** Parses and validates the flags; a mistake is an {@link IllegalArgumentException} naming the flag. */
    public static SidecarOptions parse(String... args) {
        String bind = "127.0.0.1";
        int port = 7000;
        Path config = null;
        List<String> allowFrom = new ArrayList<>();
        ServerLimits limits = ServerLimits.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port":
                    port = number(value(args, ++i, arg), arg, 0, 65535);
                    break;
                case "--bind":
                    bind = value(args, ++i, arg);
                    break;
                case "--config":
                    config = Path.of(value(args, ++i, arg));
                    if (!Files.isReadable(config)) {
                        throw new IllegalArgumentException("--config " + config + ": not a readable file; give the path of the bridge's JSON configuration");
                    }
                    break;
                case "--allow-from":
                    allowFrom.add(value(args, ++i, arg));
                    break;
                case "--workers":
                    limits = limits.withWorkers(number(value(args, ++i, arg), arg, 1, 256));
                    break;
                case "--max-connections":
                    limits = limits.withMaxConnections(number(value(args, ++i, arg), arg, 16, 65536));
                    break;
                case "--max-wait-ms":
                    limits = limits.withMaxWait(Duration.ofMillis(number(value(args, ++i, arg), arg, 10, 60000)));
                    break;
                case "--request-timeout-seconds":
                    limits = limits.withRequestTimeout(Duration.ofSeconds(number(value(args, ++i, arg), arg, 1, 120)));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new SidecarOptions(bind, port, Optional.ofNullable(config), List.copyOf(allowFrom), limits);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int number(String value, String flag, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + value + "': give a number from " + min + " to " + max);
        }
    }
}
