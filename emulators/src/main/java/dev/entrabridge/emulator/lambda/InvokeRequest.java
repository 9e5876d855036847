package dev.entrabridge.emulator.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One synchronous invocation as a caller of Lambda's {@code Invoke} would make it: the event and the
 * optional context that reaches the handler ({@code context.getClientContext()} — what AgentCore
 * Gateway uses to name the tool — and {@code context.getIdentity()}).
 *
 * @param payload         the event JSON
 * @param clientContext   a JSON object for {@code Lambda-Runtime-Client-Context} ({@code client},
 *                        {@code custom}, {@code env}), or empty
 * @param cognitoIdentity a JSON object for {@code Lambda-Runtime-Cognito-Identity}
 *                        ({@code cognitoIdentityId}, {@code cognitoIdentityPoolId}), or empty
 * @param qualifier       alias or version the caller named, appended to the invoked function ARN, or empty
 * @param timeout         overrides the function's timeout for this invocation, or empty
 * @param traceId         the X-Ray trace header to pass, or empty for a generated one
 */
public record InvokeRequest(String payload, Optional<String> clientContext, Optional<String> cognitoIdentity,
                            Optional<String> qualifier, Optional<Duration> timeout, Optional<String> traceId) {

    public InvokeRequest {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(clientContext, "clientContext");
        Objects.requireNonNull(cognitoIdentity, "cognitoIdentity");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(traceId, "traceId");
    }

    public static InvokeRequest of(String eventJson) {
        return new InvokeRequest(eventJson, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public InvokeRequest withClientContext(String clientContextJson) {
        return new InvokeRequest(payload, Optional.of(clientContextJson), cognitoIdentity, qualifier, timeout, traceId);
    }

    public InvokeRequest withCognitoIdentity(String cognitoIdentityJson) {
        return new InvokeRequest(payload, clientContext, Optional.of(cognitoIdentityJson), qualifier, timeout, traceId);
    }

    public InvokeRequest withQualifier(String aliasOrVersion) {
        return new InvokeRequest(payload, clientContext, cognitoIdentity, Optional.of(aliasOrVersion), timeout, traceId);
    }

    public InvokeRequest withTimeout(Duration invocationTimeout) {
        return new InvokeRequest(payload, clientContext, cognitoIdentity, qualifier, Optional.of(invocationTimeout),
                traceId);
    }

    public InvokeRequest withTraceId(String xRayTraceHeader) {
        return new InvokeRequest(payload, clientContext, cognitoIdentity, qualifier, timeout,
                Optional.of(xRayTraceHeader));
    }
}
