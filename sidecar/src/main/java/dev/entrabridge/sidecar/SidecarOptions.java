package dev.entrabridge.sidecar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sidecar's command line, validated: every mistake names the flag and what to write.
 *
 * @param bind       address to listen on ({@code --bind}, default {@code 127.0.0.1})
 * @param port       port ({@code --port}, default 7000; 0 picks a free one)
 * @param config     bridge configuration JSON ({@code --config}); the environment still wins over it
 * @param demo       run on in-process emulators ({@code --demo})
 * @param allowFrom  networks admitted besides loopback ({@code --allow-from}, repeatable)
 * @param workers    worker threads ({@code --workers}, default 16)
 * @param demoBreak  a deliberate misconfiguration of the demo's world ({@code --demo-break=NAME})
 */
record SidecarOptions(String bind, int port, Optional<Path> config, boolean demo, List<String> allowFrom, int workers,
                      Optional<DemoBreak> demoBreak) {

    static final String USAGE = String.join("\n",
            "usage: java -jar entra-agent-bridge-sidecar.jar [--demo] [--port N] [--bind ADDRESS] [--config FILE]",
            "                                                [--allow-from CIDR]... [--workers N]",
            "  --demo           start the emulators in-process and print curl commands to try",
            "  --port N         listen port (default 7000; 0 = any free port)",
            "  --bind ADDRESS   listen address (default 127.0.0.1)",
            "  --config FILE    bridge configuration JSON (same as BRIDGE_CONFIG_FILE; environment variables win)",
            "  --allow-from CIDR  also serve peers in this network (default: loopback callers only)",
            "  --workers N      worker threads (default 16)",
            "  --demo-break=NAME  with --demo: misconfigure the demo on purpose to see the health report fail",
            "                   (" + DemoBreak.names() + ")",
            "",
            "       java -jar entra-agent-bridge-sidecar.jar health [--demo [--demo-break=NAME]] [--config FILE] [--json]",
            "  runs the credential health check once, prints the report and exits 0 (pass or warn) or 1 (fail)");

    static SidecarOptions parse(String... args) {
        String bind = "127.0.0.1";
        int port = 7000;
        Path config = null;
        boolean demo = false;
        List<String> allowFrom = new ArrayList<>();
        int workers = 16;
        DemoBreak demoBreak = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--demo-break=")) {
                demoBreak = DemoBreak.parse(arg.substring("--demo-break=".length()));
                continue;
            }
            switch (arg) {
                case "--demo-break":
                    demoBreak = DemoBreak.parse(value(args, ++i, arg));
                    break;
                case "--demo":
                    demo = true;
                    break;
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
                    workers = number(value(args, ++i, arg), arg, 1, 256);
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        if (demo && config != null) {
            throw new IllegalArgumentException("--demo and --config exclude each other: the demo configures itself for the emulators");
        }
        if (demoBreak != null && !demo) {
            throw new IllegalArgumentException("--demo-break only applies with --demo");
        }
        return new SidecarOptions(bind, port, Optional.ofNullable(config), demo, List.copyOf(allowFrom), workers,
                Optional.ofNullable(demoBreak));
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
