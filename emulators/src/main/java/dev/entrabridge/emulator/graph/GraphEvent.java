package dev.entrabridge.emulator.graph;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A calendar event of a user's default calendar.
 *
 * @param id       event id
 * @param subject  subject line
 * @param start    start (UTC)
 * @param end      end (UTC), after start
 * @param location location display name, or {@code null}
 */
public record GraphEvent(String id, String subject, Instant start, Instant end, String location) {

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS")
            .withZone(ZoneOffset.UTC);

    public GraphEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an event must end after it starts");
        }
    }

    boolean overlaps(Instant windowStart, Instant windowEnd) {
        return start.isBefore(windowEnd) && end.isAfter(windowStart);
    }

    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        // Outlook entities carry a change key; clients must not depend on it, so it is derived from the id.
        p.put("@odata.etag", "W/\"" + java.util.Base64.getEncoder().encodeToString(
                java.nio.ByteBuffer.allocate(4).putInt(id.hashCode()).array()) + "\"");
        p.put("id", id);
        p.put("subject", subject);
        p.put("start", Map.of("dateTime", GRAPH_TIME.format(start), "timeZone", "UTC"));
        p.put("end", Map.of("dateTime", GRAPH_TIME.format(end), "timeZone", "UTC"));
        p.put("location", Map.of("displayName", location == null ? "" : location));
        return p;
    }
}
