package dev.entrabridge.emulator.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The lines a child runtime writes, read on daemon threads and kept (the last 10,000) for tests. */
final class RuntimeOutput {

    private static final int MAX_KEPT_LINES = 10_000;

    private final Clock clock;
    private final Consumer<OutputLine> listener;
    private final Deque<OutputLine> lines = new ArrayDeque<>();

    RuntimeOutput(Clock clock, Consumer<OutputLine> listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Starts a daemon thread that reads {@code stream} to its end. */
    Thread follow(InputStream stream, OutputLine.Stream which, long pid) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    add(new OutputLine(which, text, clock.instant()));
                }
            } catch (IOException e) {
                // The process ended and its pipe closed.
            }
        }, "lambda-runtime-" + which.name().toLowerCase(Locale.ROOT) + "-" + pid);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    List<OutputLine> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    List<String> texts(OutputLine.Stream stream) {
        return lines().stream().filter(l -> l.stream() == stream).map(OutputLine::text).toList();
    }

    /** The first line {@code match} accepts, waiting up to {@code timeout}; empty when none came. */
    Optional<OutputLine> await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (OutputLine line : lines) {
                    if (match.test(line.text())) {
                        return Optional.of(line);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** The last {@code count} lines, one per line with their stream, for failure messages. */
    String tail(int count) {
        List<OutputLine> all = lines();
        return all.subList(Math.max(0, all.size() - count), all.size()).stream()
                .map(l -> "  " + l.stream() + " " + l.text())
                .collect(Collectors.joining("\n"));
    }

    private void add(OutputLine line) {
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > MAX_KEPT_LINES) {
                lines.removeFirst();
            }
            lines.notifyAll();
        }
        listener.accept(line);
    }
}
