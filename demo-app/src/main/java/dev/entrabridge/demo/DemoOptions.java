package dev.entrabridge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's command line, validated: the sidecar's own listening flags pass through to it, the
 * demo keeps {@code --demo-break} and the {@code health} command for itself.
 *
 * @param health     run the credential health check once instead of serving
 * @param demoBreak  a deliberate misconfiguration of the demo's world ({@code --demo-break=NAME})
 * @param passedOn   the flags for the sidecar ({@code --port}, {@code --bind}, {@code --allow-from},
 *                   {@code --workers}) or, with {@code health}, for its health command ({@code --json})
 */
record DemoOptions(boolean health, Optional<DemoBreak> demoBreak, List<String> passedOn) {

    static final String USAGE = String.join("\n",
            "usage: ./demo [--port N] [--bind ADDRESS] [--allow-from CIDR]... [--workers N] [--demo-break=NAME]",
            "  starts an emulated Entra tenant, AWS STS and Microsoft Graph in this process, then the sidecar",
            "  configured for them, and prints curl commands to try",
            "  --port N         listen port (default 7000; 0 = any free port)",
            "  --bind ADDRESS   listen address (default 127.0.0.1)",
            "  --allow-from CIDR  also serve peers in this network (default: loopback callers only)",
            "  --workers N      worker threads (default 16)",
            "  --demo-break=NAME  misconfigure the demo on purpose to see the health report fail",
            "                   (" + DemoBreak.names() + ")",
            "",
            "       ./demo health [--demo-break=NAME] [--json]",
            "  runs the credential health check once on the demo, prints the report and exits 0 (pass or warn)",
            "  or 1 (fail)",
            "",
            "  (java -jar " + DemoMain.JAR + " takes the same arguments; --demo, which the sidecar used to",
            "  take for this, is accepted and changes nothing)");

    private static final List<String> SIDECAR_FLAGS = List.of("--port", "--bind", "--allow-from", "--workers");

    static DemoOptions parse(String... args) {
        boolean health = args.length > 0 && args[0].equals("health");
        DemoBreak demoBreak = null;
        List<String> passedOn = new ArrayList<>();
        for (int i = health ? 1 : 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--demo")) {
                continue;
            } else if (arg.startsWith("--demo-break=")) {
                demoBreak = DemoBreak.parse(arg.substring("--demo-break=".length()));
            } else if (arg.equals("--demo-break")) {
                demoBreak = DemoBreak.parse(value(args, ++i, arg));
            } else if (health && arg.equals("--json")) {
                passedOn.add(arg);
            } else if (!health && SIDECAR_FLAGS.contains(arg)) {
                passedOn.add(arg);
                passedOn.add(value(args, ++i, arg));
            } else if (arg.equals("--config")) {
                throw new IllegalArgumentException("--config does not apply to the demo: it configures the sidecar "
                        + "for its emulators itself; run the sidecar's own jar with your configuration instead");
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return new DemoOptions(health, Optional.ofNullable(demoBreak), List.copyOf(passedOn));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
