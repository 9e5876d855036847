package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A builder-like accumulator a check fills while it runs; the runner stamps name and duration.
 */
final class Finding {

    private final Map<String, Object> evidence = new LinkedHashMap<>();
    private CheckStatus status = CheckStatus.PASS;
    private String summary = "ok";
    private Diagnosis diagnosis;

    /** Records one fact (kept in insertion order). */
    public Finding evidence(String key, Object value) {
        evidence.put(key, value);
        return this;
    }

    public Finding pass(String summary) {
        this.summary = summary;
        return this;
    }

    /** Raises the status to WARN (never lowers a FAIL) with its diagnosis. */
    public Finding warn(String summary, Diagnosis diagnosis) {
        return raise(CheckStatus.WARN, summary, diagnosis);
    }

    public Finding fail(String summary, Diagnosis diagnosis) {
        return raise(CheckStatus.FAIL, summary, diagnosis);
    }

    /** Raises the status; at an equal level the first finding stays, since it is usually the cause. */
    private Finding raise(CheckStatus to, String summary, Diagnosis diagnosis) {
        if (to.ordinal() > status.ordinal()) {
            this.status = to;
            this.summary = summary;
            this.diagnosis = diagnosis;
        }
        return this;
    }

    /** Replaces the one-line summary, keeping status and diagnosis (e.g. to count several failures). */
    public Finding restate(String summary) {
        this.summary = summary;
        return this;
    }

    public CheckStatus status() {
        return status;
    }

    CheckResult toResult(String check, Duration duration) {
        return new CheckResult(check, status, duration, summary, evidence, Optional.ofNullable(diagnosis));
    }
}
