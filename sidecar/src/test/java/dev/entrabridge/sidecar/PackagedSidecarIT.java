package dev.entrabridge.sidecar;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.EmulatedDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production jar itself ({@code target/entra-agent-bridge-sidecar.jar}, Jetty cut to what the
 * sidecar reaches) run as an operator runs it, configured by environment alone against the
 * emulated cloud: under 10 MB, it serves {@code /healthz}, a token through the AWS SDK, MSAL4J and
 * Jackson, Jetty's own refusal of a malformed request as problem+json, and drains on SIGTERM.
 */
class PackagedSidecarIT {

    private static final Path JAR = Path.of("target", "entra-agent-bridge-sidecar.jar");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));

    @Test
    void theProductionJarServesTokensAndProblemsAndDrainsOnSigterm() throws Exception {
        assertThat(JAR).exists();
        assertThat(Files.size(JAR)).as("production jar size in bytes").isLessThan(10_000_000L);
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_POLICY", EmulatedDeployment.LOOPBACK_MAIL_AGENT_POLICY);
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        long started = System.nanoTime();
        Running jar = Running.start(env);
        Process process = jar.process;
        List<String> output = jar.output;
        BlockingQueue<URI> base = jar.base;
        try {
            URI url = base.poll(60, TimeUnit.SECONDS);
            assertThat(url).as(String.join("\n", output)).isNotNull();
            Response health = RawHttp.send(url, "GET", "/healthz", Map.of(), new byte[0]);
            System.out.printf("packaged sidecar: %d bytes, start-up to first served request %d ms%n", Files.size(JAR),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(health.status()).isEqualTo(200);

            Response token = RawHttp.send(url, "GET",
                    "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=" + EmulatedDeployment.MAIL_AGENT, Map.of(), new byte[0]);
            assertThat(token.status()).as(token.body()).isEqualTo(200);
            assertThat(token.body()).startsWith("{\"authorizationHeader\":\"Bearer ey");
            Response malformed = RawHttp.send(url, "GET", "/healthz%zz", Map.of(), new byte[0]);
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.contentType()).startsWith("application/problem+json");
            assertThat(malformed.body()).contains("\"code\":\"BRIDGE_MALFORMED_REQUEST\"");
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close the output we still read.
            process.toHandle().destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            jar.reader.join(5_000);
        }
        assertThat(String.join("\n", output)).contains("draining admitted requests", "sidecar stopped");
    }

    @Test
    void warmUpDumpsAClassDataSharingArchiveTheJarThenStartsFrom() throws Exception {
        Path archive = world.bridge().dir().resolve("sidecar.jsa");
        Process warmUp = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + archive, "-jar", JAR.toString(), "warm-up")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(warmUp.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(warmUp.exitValue()).isZero();
        assertThat(archive).exists();

        // -Xshare:on: an archive the JVM cannot use fails the start instead of being ignored.
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        Running jar = Running.start(env, "-XX:SharedArchiveFile=" + archive, "-Xshare:on");
        Process process = jar.process;
        List<String> output = jar.output;
        BlockingQueue<URI> base = jar.base;
        try {
            URI url = base.poll(60, TimeUnit.SECONDS);
            assertThat(url).as(String.join("\n", output)).isNotNull();
            assertThat(RawHttp.send(url, "GET", "/healthz", Map.of(), new byte[0]).status()).isEqualTo(200);
        } finally {
            process.toHandle().destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar running in a child JVM, configured by {@code env} alone, its output collected line by line. */
    private static final class Running {
        final Process process;
        final List<String> output = new CopyOnWriteArrayList<>();
        final BlockingQueue<URI> base = new LinkedBlockingQueue<>();
        Thread reader;

        private Running(Process process) {
            this.process = process;
        }

        static Running start(Map<String, String> env, String... jvmOptions) throws IOException {
            List<String> command = new java.util.ArrayList<>(List.of(java()));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", JAR.toString(), "--port", "0"));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(env);
            builder.redirectErrorStream(true);
            Running running = new Running(builder.start());
            running.reader = new Thread(() -> read(running.process, running.output, running.base), "packaged-sidecar-output");
            running.reader.setDaemon(true);
            running.reader.start();
            return running;
        }
    }

    private static void read(Process process, List<String> output, BlockingQueue<URI> base) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    base.add(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            output.add("(output ended: " + e.getMessage() + ")");
        }
    }
}
