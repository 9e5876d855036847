package dev.entrabridge.graph;

/**
 * Supplies the agent's Microsoft Graph access token for one operation. The caller obtains it
 * through the public issuance API (policy and audit happen there); the operations never call MSAL
 * or the token service themselves.
 */
@FunctionalInterface
public interface GraphToken {

    /**
     * Asked at most once per operation, after the operation's input was validated and before its
     * first Graph request; never asked when the operation is refused before calling Graph.
     *
     * @throws dev.entrabridge.token.AgentTokenException when no token can be had; it reaches the
     *                                                   operation's caller unchanged
     */
    String accessToken();
}
