package dev.entrabridge.health;

import java.util.Objects;
import java.util.Set;

/**
 * One thing the token-exchange check proves: an agent identity obtaining a token for an API's
 * scopes, or only T1 when the agent's flow needs a user the check does not have.
 *
 * @param agentName     configured agent name
 * @param agentIdentity agent identity appId
 * @param api           API name, or {@code null} for a leg-1-only target
 * @param scopes        scopes for leg 2 (empty for leg-1-only)
 */
record ExchangeTarget(String agentName, String agentIdentity, String api, Set<String> scopes) {

    public ExchangeTarget {
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(agentIdentity, "agentIdentity");
        scopes = Set.copyOf(scopes);
    }

    boolean leg1Only() {
        return scopes.isEmpty();
    }

    String label() {
        return agentName + (leg1Only() ? " (T1)" : " -> " + api);
    }
}
