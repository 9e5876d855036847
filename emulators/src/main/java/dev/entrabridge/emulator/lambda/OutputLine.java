package dev.entrabridge.emulator.lambda;

import java.time.Instant;

/**
 * One line a child runtime wrote: handlers log to stdout and stderr, and CloudWatch Embedded Metric
 * Format documents are stdout lines.
 *
 * @param stream which stream it came from
 * @param text   the line without its terminator
 * @param at     when the parent read it
 */
public record OutputLine(Stream stream, String text, Instant at) {

    /** The child's output streams. */
    public enum Stream { STDOUT, STDERR }
}
