package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check found: its status, how long it took, the evidence it saw (values an operator
 * compares with the portal) and, when not passing, the diagnosis with its remedy.
 *
 * @param check     the check's stable name, e.g. {@code federated-credential}
 * @param status    pass, warn or fail
 * @param duration  how long the check ran
 * @param summary   one sentence for a terminal or a dashboard
 * @param evidence  ordered facts (never a token, assertion or secret)
 * @param diagnosis present when the status is not PASS
 */
public record CheckResult(String check, CheckStatus status, Duration duration, String summary,
                          Map<String, Object> evidence, Optional<Diagnosis> diagnosis) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(summary, "summary");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        diagnosis = diagnosis == null ? Optional.empty() : diagnosis;
        if (status != CheckStatus.PASS && diagnosis.isEmpty()) {
            throw new IllegalArgumentException("check " + check + " is " + status + " but says nothing about why");
        }
    }

    /** The same result with the measured duration filled in. */
    CheckResult withDuration(Duration measured) {
        return new CheckResult(check, status, measured, summary, evidence, diagnosis);
    }
}
