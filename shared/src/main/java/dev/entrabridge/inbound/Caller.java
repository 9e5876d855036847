package dev.entrabridge.inbound;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking for a token, as established by the adapter that received the request: a loopback
 * peer, the subject of a validated JWT, an AWS IAM principal, or a Bedrock agent. Policy decides on
 * this and the audit log records it; it never holds the caller's token.
 *
 * @param kind         how the caller was authenticated
 * @param issuer       the JWT's {@code iss} ({@link Kind#JWT} only), else {@code null}
 * @param subject      the JWT's {@code sub}, the loopback peer address, the principal ARN or the agent id
 * @param claims       the validated JWT's claims, for display ({@code /Validate}); empty for other kinds
 * @param principalArn the IAM principal ARN ({@link Kind#AWS_IAM} only), else {@code null}
 * @param agentId      the Bedrock agent id ({@link Kind#BEDROCK_AGENT} only), else {@code null}
 * @param agentAliasId the Bedrock agent alias the action group was invoked through, if the event names
 *                     it ({@link Kind#BEDROCK_AGENT} only), else {@code null}
 */
public record Caller(Kind kind, String issuer, String subject, Map<String, Object> claims,
                     String principalArn, String agentId, String agentAliasId) {

    /** How a caller was authenticated. */
    public enum Kind {
        /** A process on the same host (the sidecar's default trust). */
        LOOPBACK,
        /** A bearer JWT from a trusted issuer, validated by {@link CallerTokenValidator}. */
        JWT,
        /** An AWS IAM principal (Lambda Function URL with {@code AWS_IAM} auth). */
        AWS_IAM,
        /** An Amazon Bedrock agent invoking its action group. */
        BEDROCK_AGENT
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        claims = claims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
        if ((kind == Kind.JWT) != (issuer != null)) {
            throw new IllegalArgumentException("an issuer is required for, and only for, JWT callers");
        }
        if ((kind == Kind.AWS_IAM) != (principalArn != null)) {
            throw new IllegalArgumentException("a principal ARN is required for, and only for, AWS IAM callers");
        }
        if ((kind == Kind.BEDROCK_AGENT) != (agentId != null)) {
            throw new IllegalArgumentException("an agent id is required for, and only for, Bedrock agent callers");
        }
        if (agentAliasId != null && kind != Kind.BEDROCK_AGENT) {
            throw new IllegalArgumentException("an agent alias belongs to Bedrock agent callers only");
        }
    }

    /** A loopback peer, e.g. {@code 127.0.0.1}. */
    public static Caller loopback(String peerAddress) {
        return new Caller(Kind.LOOPBACK, null, peerAddress, Map.of(), null, null, null);
    }

    /** The subject of a validated JWT. */
    public static Caller jwt(String issuer, String subject, Map<String, Object> claims) {
        return new Caller(Kind.JWT, Objects.requireNonNull(issuer, "issuer"), subject, claims, null, null, null);
    }

    /** An IAM principal as the Function URL's request context names it. */
    public static Caller awsIam(String principalArn) {
        return new Caller(Kind.AWS_IAM, null, principalArn, Map.of(),
                Objects.requireNonNull(principalArn, "principalArn"), null, null);
    }

    /** A Bedrock agent, by its agent id (the action-group event's {@code agent.id}). */
    public static Caller bedrockAgent(String agentId) {
        return bedrockAgent(agentId, null);
    }

    /** A Bedrock agent invoked through an alias ({@code agent.id} and {@code agent.alias} of the event); the alias may be {@code null}. */
    public static Caller bedrockAgent(String agentId, String aliasId) {
        return new Caller(Kind.BEDROCK_AGENT, null, agentId, Map.of(), null,
                Objects.requireNonNull(agentId, "agentId"), aliasId);
    }

    /** The Bedrock agent alias, if known. */
    public Optional<String> agentAlias() {
        return Optional.ofNullable(agentAliasId);
    }

    public Optional<String> issuerIfAny() {
        return Optional.ofNullable(issuer);
    }

    /** One line naming the caller, for reasons and logs, e.g. {@code JWT caller https://issuer / sub-1}. */
    public String describe() {
        switch (kind) {
            case JWT:
                return "JWT caller " + issuer + " / " + subject;
            case AWS_IAM:
                return "IAM principal " + principalArn;
            case BEDROCK_AGENT:
                return "Bedrock agent " + agentId + (agentAliasId == null ? "" : " (alias " + agentAliasId + ")");
            default:
                return "loopback caller " + subject;
        }
    }

    @Override
    public String toString() {
        return "Caller[" + describe() + "]";
    }
}
