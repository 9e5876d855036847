package dev.entrabridge.emulator.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A handler running in a child JVM under the real Lambda runtime interface client (RIC), started the
 * way Lambda's Java runtime starts it: {@code java <options> -cp <classpath> AWSLambda <handler>} in an
 * empty task root with only Lambda's environment. The classpath must hold the handler, its
 * dependencies and the RIC with its own ({@code aws-lambda-java-runtime-interface-client},
 * {@code aws-lambda-java-core}, {@code aws-lambda-java-serialization}, {@code utils-lite}); this module
 * never depends on the RIC itself.
 */
public final class LambdaRuntimeProcess implements AutoCloseable {

    /** The RIC's entry point. */
    public static final String RUNTIME_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** What Lambda's Java 17 and 21 runtimes set by default: C1 only and the serial collector. */
    public static final List<String> LAMBDA_JVM_OPTIONS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Pattern HANDLER = Pattern.compile("[\\w$]+(\\.[\\w$]+)*(::[\\w$]+)?");
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(3);
    private static final Duration FORCED_STOP = Duration.ofSeconds(5);

    private final Process process;
    private final List<String> command;
    private final Path taskRoot;
    private final Instant startedAt;
    private final RuntimeOutput output;
    private final List<Thread> readers = new ArrayList<>();
    private final Thread killOnExit;
    private boolean closed;

    private LambdaRuntimeProcess(ProcessBuilder builder, Path taskRoot, Consumer<OutputLine> listener, Clock clock)
            throws IOException {
        this.command = List.copyOf(builder.command());
        this.taskRoot = taskRoot;
        this.output = new RuntimeOutput(clock, listener);
        this.startedAt = clock.instant();
        this.process = builder.start();
        // A test JVM that exits without closing this must not leave a runtime behind.
        this.killOnExit = new Thread(process::destroyForcibly, "lambda-runtime-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        readers.add(output.follow(process.getInputStream(), OutputLine.Stream.STDOUT, process.pid()));
        readers.add(output.follow(process.getErrorStream(), OutputLine.Stream.STDERR, process.pid()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This JVM's classpath ({@code java.class.path}): in a Surefire or Failsafe test it is the module's
     * test classpath, which holds the RIC when the module has it as a test dependency.
     */
    public static List<Path> classpathOfThisJvm() {
        return Arrays.stream(System.getProperty("java.class.path", "").split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    public long pid() {
        return process.pid();
    }

    /** The instant just before the JVM was started (the start of a cold start). */
    public Instant startedAt() {
        return startedAt;
    }

    /** The command line, for failure messages and the benchmark's report. */
    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * CPU time (user + system) the JVM has used so far, as the OS accounts it (10 ms ticks on Linux);
     * unlike wall time it barely moves when other processes load the machine.
     */
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits for the runtime to exit (the RIC exits with 1 after reporting an init error).
     *
     * @throws IllegalStateException when it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the Lambda runtime is still running after " + timeout + lastLines());
    }

    /** The lines written so far (the last 10,000), in arrival order. */
    public List<OutputLine> output() {
        return output.lines();
    }

    public List<String> stdout() {
        return output.texts(OutputLine.Stream.STDOUT);
    }

    public List<String> stderr() {
        return output.texts(OutputLine.Stream.STDERR);
    }

    /**
     * Waits for a line (on either stream) that {@code match} accepts.
     *
     * @throws IllegalStateException when none arrives within {@code timeout}
     */
    public OutputLine awaitOutput(Predicate<String> match, Duration timeout) {
        try {
            return output.await(match, timeout).orElseThrow(
                    () -> new IllegalStateException("no matching output within " + timeout + lastLines()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runtime's output", e);
        }
    }

    /** Stops the runtime: SIGTERM, then SIGKILL after three seconds; bounded in time either way. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it kills the process.
        }
        try {
            process.destroy();
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(FORCED_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (Thread reader : readers) {
                reader.join(1000);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(taskRoot);
    }

    private String lastLines() {
        OptionalInt exit = exitCode();
        return (exit.isPresent() ? "; exited with " + exit.getAsInt() : "; still running") + "; last output:\n"
                + output.tail(20);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    /** Collects what a runtime needs; {@link #start()} validates it and launches the JVM. */
    public static final class Builder {

        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(LAMBDA_JVM_OPTIONS);
        private List<Path> classpath = List.of();
        private String handler;
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private Consumer<OutputLine> listener = line -> { };
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The handler's classes and dependencies plus the RIC and its dependencies; relative entries are
         * taken from this JVM's working directory (the child's is its own task root).
         */
        public Builder classpath(List<Path> entries) {
            this.classpath = entries.stream().map(Path::toAbsolutePath).toList();
            return this;
        }

        /** {@code package.Class::method}, or {@code package.Class} for a {@code RequestHandler}. */
        public Builder handler(String handlerString) {
            this.handler = handlerString;
            return this;
        }

        /** Points the runtime at {@code emulator} and sets the function's reserved variables. */
        public Builder runtimeApi(LambdaRuntimeApiEmulator emulator) {
            environment.putAll(emulator.environment());
            return this;
        }

        /** Adds variables (the bridge's configuration, execution-role credentials…); later ones win. */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Replaces the JVM options (by default {@link #LAMBDA_JVM_OPTIONS}). */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        /** Adds JVM options after the current ones, e.g. {@code -XX:SharedArchiveFile=…}. */
        public Builder addJvmOptions(String... options) {
            jvmOptions.addAll(Arrays.asList(options));
            return this;
        }

        /** The {@code java} launcher to use; by default this JVM's. */
        public Builder java(Path javaExecutable) {
            this.java = Objects.requireNonNull(javaExecutable, "javaExecutable");
            return this;
        }

        /** Receives every line as it is read, on the reader thread (e.g. to echo it). */
        public Builder onOutput(Consumer<OutputLine> lineListener) {
            this.listener = Objects.requireNonNull(lineListener, "lineListener");
            return this;
        }

        /** Stamps {@link #startedAt()} and output lines; the system clock by default. */
        public Builder clock(Clock outputClock) {
            this.clock = Objects.requireNonNull(outputClock, "outputClock");
            return this;
        }

        /**
         * Starts the JVM.
         *
         * @throws IllegalArgumentException when the handler, the classpath or the Runtime API is missing
         *                                  or malformed
         */
        public LambdaRuntimeProcess start() {
            if (handler == null || !HANDLER.matcher(handler).matches()) {
                throw new IllegalArgumentException(
                        "handler must be 'package.Class::method' or 'package.Class': " + handler);
            }
            if (classpath.isEmpty()) {
                throw new IllegalArgumentException("classpath is empty: it needs the handler and the RIC");
            }
            for (Path entry : classpath) {
                if (!Files.exists(entry)) {
                    throw new IllegalArgumentException("classpath entry does not exist: " + entry);
                }
            }
            if (!environment.containsKey("AWS_LAMBDA_RUNTIME_API")) {
                throw new IllegalArgumentException("no Runtime API: call runtimeApi(emulator) or set "
                        + "AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>");
            }
            Path taskRoot;
            try {
                taskRoot = Files.createTempDirectory("lambda-task-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a task root for the Lambda runtime", e);
            }
            try {
                return new LambdaRuntimeProcess(processBuilder(taskRoot), taskRoot, listener, clock);
            } catch (IOException e) {
                deleteRecursively(taskRoot);
                throw new UncheckedIOException("cannot start the Lambda runtime JVM " + java, e);
            }
        }

        private ProcessBuilder processBuilder(Path taskRoot) {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            // The user's home is the empty task root, so a developer's ~/.aws never reaches the handler.
            command.add("-Duser.home=" + taskRoot);
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            command.add(RUNTIME_MAIN_CLASS);
            command.add(handler);
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> env = builder.environment();
            // Lambda's environment, not the parent's: no credentials or settings of this machine leak in.
            env.clear();
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            // Lambda sets en_US.UTF-8; Debian images often lack that locale, and the JVM would fall back
            // to ASCII, so the UTF-8 locale every glibc has stands in for it.
            env.put("LANG", "C.UTF-8");
            env.put("TZ", ":UTC");
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("_HANDLER", handler);
            env.putAll(environment);
            return builder;
        }
    }
}
