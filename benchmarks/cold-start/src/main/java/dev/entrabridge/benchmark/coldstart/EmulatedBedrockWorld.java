package dev.entrabridge.benchmark.coldstart;

import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedDeployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The world a benchmarked Bedrock action-group function runs in: the emulated STS, Entra and Graph
 * (with the demo's people and the calendar examples) in the harness's JVM, and the function's environment
 * as {@code EmulatedDeployment.bedrockEnvironment()} writes it — the same the ITs and {@code ./demo bedrock} use.
 */
public final class EmulatedBedrockWorld implements Supplier<Map<String, String>>, AutoCloseable {

    private final EmulatedCloud cloud;
    private final Path dir;
    private final EmulatedDeployment deployment;

    public EmulatedBedrockWorld() throws IOException {
        this.cloud = EmulatedCloud.builder().demoPeople().start();
        this.dir = Files.createTempDirectory("bedrock-cold-start");
        this.deployment = EmulatedDeployment.of(cloud, dir);
        deployment.seedExampleCalendar();
    }

    @Override
    public Map<String, String> get() {
        return deployment.bedrockEnvironment();
    }

    @Override
    public void close() {
        cloud.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
