package dev.entrabridge.token;

/**
 * The core's one public operation: obtain an agent token. The HTTP contract, the Bedrock action
 * group and the health check depend on this, never on MSAL.
 */
@FunctionalInterface
public interface AgentTokenProvider {

    /**
     * @throws AgentTokenException with a {@link Diagnosis} when no token can be had
     */
    AgentToken acquire(AgentTokenRequest request);
}
