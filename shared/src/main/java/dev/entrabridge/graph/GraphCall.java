package dev.entrabridge.graph;

import dev.entrabridge.graph.GraphOperation.Permission;

import java.time.Instant;
import java.util.UUID;

/**
 * One operation in flight: what it does and to whom (for diagnoses), the permission it needs, the
 * agent's token, the deadline covering all its requests, and the {@code client-request-id} sent
 * with each of them so Graph's logs and ours can be matched.
 */
final class GraphCall {

    private final GraphOperation operation;
    private final String target;
    private final Permission permission;
    private final String token;
    private final Instant deadline;
    private final String clientRequestId = UUID.randomUUID().toString();
    private TokenFacts facts;

    /**
     * @param target what the operation is about, for messages: {@code user 'x'}, {@code /v1.0/groups}
     * @param permission the permission needed, or {@code null} when unknown
     */
    GraphCall(GraphOperation operation, String target, Permission permission, String token, Instant deadline) {
        this.operation = operation;
        this.target = target;
        this.permission = permission;
        this.token = token;
        this.deadline = deadline;
    }

    GraphOperation operation() {
        return operation;
    }

    String target() {
        return target;
    }

    Permission permission() {
        return permission;
    }

    String token() {
        return token;
    }

    Instant deadline() {
        return deadline;
    }

    String clientRequestId() {
        return clientRequestId;
    }

    /** Read from the token only when a refusal needs wording. */
    TokenFacts facts() {
        if (facts == null) {
            facts = TokenFacts.of(token);
        }
        return facts;
    }

    @Override
    public String toString() {
        return "GraphCall[" + operation.logName() + " " + target + "]";
    }
}
