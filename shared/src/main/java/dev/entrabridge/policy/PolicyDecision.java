package dev.entrabridge.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The policy's answer to one request: allowed or denied, a sentence saying why, and the rule that
 * decided (none when no rule matched the caller).
 *
 * @param allowed whether the request may proceed
 * @param reason  one sentence for the caller's error body and the audit log
 * @param rule    the name of the deciding rule, if a rule matched
 * @param remedy  for a refusal the policy can say how to lift (the rule to add), that sentence
 */
public record PolicyDecision(boolean allowed, String reason, Optional<String> rule, Optional<String> remedy) {

    public PolicyDecision {
        Objects.requireNonNull(reason, "reason");
        rule = rule == null ? Optional.empty() : rule;
        remedy = remedy == null ? Optional.empty() : remedy;
    }

    public PolicyDecision(boolean allowed, String reason, Optional<String> rule) {
        this(allowed, reason, rule, Optional.empty());
    }

    static PolicyDecision allow(String rule, String reason) {
        return new PolicyDecision(true, reason, Optional.of(rule));
    }

    static PolicyDecision deny(String rule, String reason) {
        return new PolicyDecision(false, reason, Optional.ofNullable(rule));
    }

    static PolicyDecision deny(String rule, String reason, String remedy) {
        return new PolicyDecision(false, reason, Optional.ofNullable(rule), Optional.of(remedy));
    }

    /** The diagnosis code adapters and the audit log use for a refusal. */
    public String code() {
        return allowed ? "POLICY_ALLOWED" : "POLICY_DENIED";
    }
}
