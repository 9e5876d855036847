package dev.entrabridge.health;

import dev.entrabridge.token.AgentTokenException;

import java.util.Set;

/**
 * One uncached, unretried attempt at each leg of the Agent ID exchange, for the health check.
 * Implemented over the token core; every failure is an {@link AgentTokenException} with its diagnosis.
 */
interface ExchangeProbe {

    /**
     * Leg 1: the blueprint obtains T1 for the agent identity ({@code fmi_path}).
     *
     * @throws AgentTokenException with the diagnosis when Entra or the credential source refuses
     */
    void leg1(String agentIdentity);

    /**
     * Leg 1 then leg 2: the agent identity obtains a token for {@code scopes} with T1.
     *
     * @throws AgentTokenException with the diagnosis when Entra or the credential source refuses
     */
    void leg2(String agentIdentity, Set<String> scopes);
}
