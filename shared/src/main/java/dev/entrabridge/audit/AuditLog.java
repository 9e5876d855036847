package dev.entrabridge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.inbound.Caller;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one JSON line per issued or refused token to a sink (stdout by default, where Lambda,
 * Azure Functions and container runtimes collect it). Every string value passes a guard that writes
 * {@code <redacted>} instead of anything shaped like a JWT, so a token can never reach the log even
 * when a caller puts one in an agent name or a header.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> sink;
    private final Clock clock;

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

    /** The JSON line for an event (exposed for adapters that log through their own logger). */
    public String toJson(AuditEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("event", "agent_token");
        line.put("outcome", event.outcome().name().toLowerCase(java.util.Locale.ROOT));
        line.set("caller", caller(event.caller()));
        put(line, "agent", event.agentName());
        put(line, "agentIdentity", event.agentIdentity());
        put(line, "blueprint", event.blueprint());
        put(line, "flow", event.flow() == null ? null : event.flow().name().toLowerCase(java.util.Locale.ROOT));
        put(line, "api", event.api());
        ArrayNode scopes = line.putArray("scopes");
        event.scopes().stream().sorted().forEach(s -> scopes.add(TokenRedaction.guard(s)));
        put(line, "diagnosisCode", event.diagnosisCode());
        put(line, "reason", event.reason());
        put(line, "rule", event.rule());
        put(line, "correlationId", event.correlationId());
        line.put("latencyMs", event.latency().toMillis());
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an audit event", e);
        }
    }

    private static ObjectNode caller(Caller caller) {
        ObjectNode node = JSON.createObjectNode();
        if (caller == null) {
            node.put("kind", "UNAUTHENTICATED");
            return node;
        }
        node.put("kind", caller.kind().name());
        put(node, "issuer", caller.issuer());
        put(node, "subject", caller.subject());
        put(node, "principalArn", caller.principalArn());
        put(node, "agentId", caller.agentId());
        caller.agentAlias().ifPresent(alias -> put(node, "agentAliasId", alias));
        return node;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, TokenRedaction.guard(value));
        }
    }
}
