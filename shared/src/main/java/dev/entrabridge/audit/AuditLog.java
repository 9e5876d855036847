package dev.entrabridge.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.entrabridge.inbound.Caller;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes one JSON line per issued or refused token to a sink (stdout by default, where Lambda,
 * Azure Functions and container runtimes collect it). Every string value passes a guard that writes
 * {@code <redacted>} instead of anything shaped like a JWT, so a token can never reach the log even
 * when a caller puts one in an agent name or a header.
 */
public final class AuditLog {

    private static final JsonFactory JSON = new JsonFactory();

    private final Consumer<String> sink;
    private final Clock clock;
    private volatile Second lastSecond;

    public AuditLog(Consumer<String> sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Lines to {@link System#out}, timestamps from the system clock. */
    public static AuditLog toStandardOutput() {
        PrintStream out = System.out;
        return new AuditLog(out::println, Clock.systemUTC());
    }

    /** Writes the event as one line. A sink failure is not the caller's problem: it is swallowed after one stderr note. */
    public void record(AuditEvent event) {
        String line = toJson(event);
        try {
            sink.accept(line);
        } catch (RuntimeException e) {
            System.err.println("audit sink failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The JSON line for an event (exposed for adapters that log through their own logger). Written field by
     * field with Jackson's streaming generator: it is on every token's path, where building a tree first
     * would cost more than the token lookup itself.
     */
    public String toJson(AuditEvent event) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            line.writeStringField("timestamp", timestamp(clock.instant()));
            line.writeStringField("event", "agent_token");
            line.writeStringField("outcome", event.outcome().name().toLowerCase(java.util.Locale.ROOT));
            line.writeFieldName("caller");
            caller(line, event.caller());
            put(line, "agent", event.agentName());
            put(line, "agentIdentity", event.agentIdentity());
            put(line, "blueprint", event.blueprint());
            put(line, "flow", event.flow() == null ? null : event.flow().name().toLowerCase(java.util.Locale.ROOT));
            put(line, "api", event.api());
            line.writeArrayFieldStart("scopes");
            for (String scope : sorted(event.scopes())) {
                line.writeString(TokenRedaction.guard(scope));
            }
            line.writeEndArray();
            put(line, "diagnosisCode", event.diagnosisCode());
            put(line, "reason", event.reason());
            put(line, "rule", event.rule());
            put(line, "correlationId", event.correlationId());
            line.writeNumberField("latencyMs", event.latency().toMillis());
            line.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise an audit event", e);
        }
        return text.toString();
    }

    /**
     * {@link Instant#toString()}, its date and time of day formatted once per second: the formatter took a
     * fifth of every line's cost, and a busy sidecar writes thousands of lines in the same second.
     */
    String timestamp(Instant instant) {
        long second = instant.getEpochSecond();
        Second cached = lastSecond;
        if (cached == null || cached.epochSecond != second) {
            String whole = Instant.ofEpochSecond(second).toString();
            // Years of four digits only (0000-9999), whose text is exactly yyyy-MM-ddTHH:mm:ssZ.
            if (whole.length() != 20) {
                return instant.toString();
            }
            cached = new Second(second, whole.substring(0, 19));
            lastSecond = cached;
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return cached.text + 'Z';
        }
        // As Instant.toString: milliseconds, microseconds or nanoseconds, whichever shows the value exactly.
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        int fraction = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
        StringBuilder text = new StringBuilder(31).append(cached.text).append('.');
        String number = Integer.toString(fraction);
        for (int pad = digits - number.length(); pad > 0; pad--) {
            text.append('0');
        }
        return text.append(number).append('Z').toString();
    }

    /** The text of one whole second, up to its fraction. */
    private record Second(long epochSecond, String text) {
    }

    private static Iterable<String> sorted(Set<String> scopes) {
        return scopes.size() < 2 ? scopes : new TreeSet<>(scopes);
    }

    private static void caller(JsonGenerator line, Caller caller) throws IOException {
        line.writeStartObject();
        if (caller == null) {
            line.writeStringField("kind", "UNAUTHENTICATED");
        } else {
            line.writeStringField("kind", caller.kind().name());
            put(line, "issuer", caller.issuer());
            put(line, "subject", caller.subject());
            put(line, "principalArn", caller.principalArn());
            put(line, "agentId", caller.agentId());
            if (caller.agentAlias().isPresent()) {
                put(line, "agentAliasId", caller.agentAlias().get());
            }
        }
        line.writeEndObject();
    }

    private static void put(JsonGenerator line, String field, String value) throws IOException {
        if (value == null) {
            line.writeNullField(field);
        } else {
            line.writeStringField(field, TokenRedaction.guard(value));
        }
    }
}
