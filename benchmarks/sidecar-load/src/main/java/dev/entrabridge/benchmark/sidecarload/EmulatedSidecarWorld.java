package dev.entrabridge.benchmark.sidecarload;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedDeployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The emulated world of the sidecar benchmarks in a process of its own, so that a measured sidecar's CPU
 * time and memory are its own: STS, Entra and Graph emulators, and the sidecar's environment as the demo
 * sets it (the AWS STS source, the loopback policy for the mail agent, Entra and STS on the emulators with
 * their CA trusted) written to a file of {@code NAME=value} lines, with the scheduled health check off so
 * that nothing but the measured requests reaches the emulators. Runs until its standard input closes.
 *
 * <pre>java -cp … dev.entrabridge.benchmark.sidecarload.EmulatedSidecarWorld ENV-FILE</pre>
 */
public final class EmulatedSidecarWorld {

    private EmulatedSidecarWorld() {
    }

    public static void main(String[] args) throws IOException {
        Path envFile = Path.of(args[0]);
        Path dir = Files.createTempDirectory("sidecar-benchmark-world");
        try (EmulatedCloud cloud = EmulatedCloud.builder().start()) {
            Map<String, String> env = EmulatedDeployment.of(cloud, dir).environment(CredentialSourceKind.AWS_STS);
            env.put("BRIDGE_POLICY", EmulatedDeployment.LOOPBACK_MAIL_AGENT_POLICY);
            env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
            Files.writeString(envFile, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
            System.out.println("emulated world ready: " + envFile);
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            System.out.println("emulated world: token requests served by Entra " + cloud.entra().tokenRequests().size()
                    + ", STS " + cloud.sts().requests().size());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
