package dev.entrabridge.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.endpoint.HealthSummary;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds {@code /healthz} from the last credential health report: its summary under
 * {@code "credential"} ({@code "pending"} before the first run) and, when
 * {@code BRIDGE_HEALTH_FAIL_HEALTHZ=true}, a 503 while the last run failed.
 */
public final class CredentialHealthSummary implements HealthSummary {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CredentialHealth health;

    public CredentialHealthSummary(CredentialHealth health) {
        this.health = health;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<HealthReport> last = health.lastReport();
        out.put("credential", last.<Object>map(r -> MAPPER.convertValue(HealthReportJson.summary(r), Map.class))
                .orElse(Map.of("status", "pending")));
        return out;
    }

    @Override
    public boolean unhealthy() {
        return health.settings().failHealthz()
                && health.lastReport().map(r -> r.status() == CheckStatus.FAIL).orElse(false);
    }
}
