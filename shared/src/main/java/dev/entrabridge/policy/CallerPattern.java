package dev.entrabridge.policy;

import dev.entrabridge.inbound.Caller;

/**
 * Which callers a rule is about: loopback peers, one JWT issuer+subject (exact), an IAM principal
 * ARN (exact, or a prefix when it ends with {@code *}), or one Bedrock agent id.
 */
record CallerPattern(Caller.Kind kind, String issuer, String subject, String value) {

    boolean matches(Caller caller) {
        if (caller.kind() != kind) {
            return false;
        }
        switch (kind) {
            case JWT:
                return issuer.equals(caller.issuer()) && subject.equals(caller.subject());
            case AWS_IAM:
                return value.endsWith("*")
                        ? caller.principalArn().startsWith(value.substring(0, value.length() - 1))
                        : value.equals(caller.principalArn());
            case BEDROCK_AGENT:
                return value.equals(caller.agentId());
            default:
                return true;
        }
    }

    String describe() {
        switch (kind) {
            case JWT:
                return "JWT " + issuer + " / " + subject;
            case AWS_IAM:
                return "IAM " + value;
            case BEDROCK_AGENT:
                return "Bedrock agent " + value;
            default:
                return "loopback";
        }
    }
}
