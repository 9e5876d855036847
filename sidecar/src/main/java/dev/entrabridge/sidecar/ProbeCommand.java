package dev.entrabridge.sidecar;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * {@code java -jar … probe [--port N]}: asks the sidecar on this host's loopback for {@code /healthz} and exits
 * 0 on 200, 1 otherwise. It exists for Kubernetes: the kubelet's HTTP probes connect to the pod's address, which
 * a loopback-only sidecar never answers, so the pod probes it with this command in the container instead.
 */
public final class ProbeCommand {

    private static final int TIMEOUT_MS = 2000;

    private ProbeCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int port = 7000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                try {
                    port = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    err.println("--port " + args[i] + ": give the sidecar's port, 1-65535");
                    return HealthCommand.USAGE;
                }
            } else {
                err.println("unknown argument '" + args[i] + "'\nusage: java -jar entra-agent-bridge-sidecar.jar probe [--port N]");
                return HealthCommand.USAGE;
            }
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/healthz").toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            c.setInstanceFollowRedirects(false);
            int status = c.getResponseCode();
            c.disconnect();
            out.println("/healthz answered " + status);
            return status == 200 ? HealthCommand.PASSED : HealthCommand.FAILED;
        } catch (IOException e) {
            err.println("/healthz on 127.0.0.1:" + port + " did not answer: " + e.getClass().getSimpleName() + " " + e.getMessage());
            return HealthCommand.FAILED;
        }
    }
}
