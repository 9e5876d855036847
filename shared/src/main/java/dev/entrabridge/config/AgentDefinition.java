package dev.entrabridge.config;

import dev.entrabridge.token.AgentUser;

import java.util.Objects;
import java.util.Optional;

/**
 * A configured agent: a friendly name bound to an agent identity of the blueprint, and
 * optionally the agent user that identity acts as.
 *
 * @param name          the name callers use ({@code AgentIdentity=} accepts the name or the appId)
 * @param agentIdentity the agent identity's appId (client id), the {@code fmi_path} of leg 1
 * @param agentUser     the agent's own user account, if it has one
 */
public record AgentDefinition(String name, String agentIdentity, Optional<AgentUser> agentUser) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentIdentity, "agentIdentity");
        agentUser = agentUser == null ? Optional.empty() : agentUser;
    }
}
