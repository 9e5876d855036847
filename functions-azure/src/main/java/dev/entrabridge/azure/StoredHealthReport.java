package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.RequestRefused;

import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/health}: the report the credential-health timer last wrote to the app's storage, as it
 * was written, plus how old it is ({@code ageSeconds}), so a stopped timer shows as a growing age rather
 * than as a healthy report forever. The timer and this request may run on different instances, so the
 * report is read from where the timer wrote it, never from this instance's memory and never by running
 * the check here (which would let callers make the bridge hammer Entra). 200 while the report passes or
 * warns, 503 when it fails or none exists yet.
 */
final class StoredHealthReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    StoredHealthReport(Clock clock) {
        this.clock = clock;
    }

    /** @param stored the blob's text as the host's input binding hands it over ({@code null} when there is none yet) */
    BridgeResponse answer(String stored) {
        if (stored == null || stored.isBlank()) {
            throw RequestRefused.unavailable("BRIDGE_HEALTH_PENDING", "No credential health report has been written yet.",
                    "Wait for the credential-health timer to run once (BRIDGE_HEALTH_SCHEDULE), or check that it is enabled.",
                    Duration.ofMinutes(1));
        }
        ObjectNode report = parse(stored);
        Duration age = Duration.between(Instant.parse(report.get("startedAt").asText()), clock.instant());
        report.put("ageSeconds", Math.max(0, age.toSeconds()));
        int status = "fail".equals(report.path("status").asText()) ? 503 : 200;
        return BridgeResponse.json(status, report.toString()).noStore();
    }

    private static ObjectNode parse(String stored) {
        try {
            JsonNode node = JSON.readTree(stored);
            if (node instanceof ObjectNode && node.path("status").isTextual() && node.path("startedAt").isTextual()) {
                Instant.parse(node.get("startedAt").asText());
                return (ObjectNode) node;
            }
        } catch (IOException | DateTimeException e) {
            // fall through: the same answer for any unreadable report
        }
        throw RequestRefused.unavailable("BRIDGE_HEALTH_REPORT_UNREADABLE", "The stored credential health report is not one the timer writes.",
                "Let the credential-health timer run again; it replaces the report.", Duration.ofMinutes(1));
    }
}
