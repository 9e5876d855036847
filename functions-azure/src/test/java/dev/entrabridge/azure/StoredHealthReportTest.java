package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.RequestRefused;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredHealthReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StoredHealthReport stored = new StoredHealthReport(
            Clock.fixed(Instant.parse("2026-11-26T04:20:00Z"), ZoneOffset.UTC));

    @Test
    void servesTheReportAsWrittenWithItsAge() throws IOException {
        BridgeResponse response = stored.answer("{\"status\":\"warn\",\"startedAt\":\"2026-11-26T04:15:00Z\",\"checks\":[]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("warn");
        assertThat(body.get("ageSeconds").asLong()).isEqualTo(300);
        assertThat(body.get("checks").isArray()).isTrue();
    }

    @Test
    void aFailingReportIs503() {
        assertThat(stored.answer("{\"status\":\"fail\",\"startedAt\":\"2026-11-26T04:15:00Z\"}").status()).isEqualTo(503);
    }

    @Test
    void noReportYetOrAnUnreadableOneIsA503RefusalSayingWhy() {
        assertThatThrownBy(() -> stored.answer(null)).isInstanceOf(RequestRefused.class)
                .satisfies(e -> assertThat(((RequestRefused) e).code()).isEqualTo("BRIDGE_HEALTH_PENDING"));
        for (String bad : new String[]{"not json", "[]", "{\"status\":\"pass\"}", "{\"status\":\"pass\",\"startedAt\":\"yesterday\"}"}) {
            assertThatThrownBy(() -> stored.answer(bad)).isInstanceOf(RequestRefused.class)
                    .satisfies(e -> assertThat(((RequestRefused) e).status()).isEqualTo(503))
                    .satisfies(e -> assertThat(((RequestRefused) e).code()).isEqualTo("BRIDGE_HEALTH_REPORT_UNREADABLE"));
        }
    }
}
