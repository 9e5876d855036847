package dev.entrabridge.config;

import dev.entrabridge.token.AgentUser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured agent: a friendly name bound to an agent identity of the blueprint, and
 * optionally the agent user that identity acts as.
 *
 * @param name          the name callers use ({@code AgentIdentity=} accepts the name or the appId)
 * @param agentIdentity the agent identity's appId (client id), the {@code fmi_path} of leg 1
 * @param agentUser     the agent's own user account, if it has one
 * @param bedrockAgents the Amazon Bedrock agents (and aliases) that act as this agent when they invoke
 *                      their action group ({@code BRIDGE_BEDROCK_AGENTS} or the file's {@code bedrockAgents})
 */
public record AgentDefinition(String name, String agentIdentity, Optional<AgentUser> agentUser,
                              List<BedrockAgent> bedrockAgents) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentIdentity, "agentIdentity");
        agentUser = agentUser == null ? Optional.empty() : agentUser;
        bedrockAgents = bedrockAgents == null ? List.of() : List.copyOf(bedrockAgents);
    }

    /** An agent no Bedrock agent acts as. */
    public AgentDefinition(String name, String agentIdentity, Optional<AgentUser> agentUser) {
        this(name, agentIdentity, agentUser, List.of());
    }

    /** A copy acted as by {@code bedrock}. */
    public AgentDefinition withBedrockAgents(List<BedrockAgent> bedrock) {
        return new AgentDefinition(name, agentIdentity, agentUser, bedrock);
    }
}
