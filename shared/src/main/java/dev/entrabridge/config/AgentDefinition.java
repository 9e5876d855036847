package dev.entrabridge.config;

import dev.entrabridge.token.AgentUser;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured agent: a friendly name bound to an agent identity of the blueprint, and the agent
 * users that identity may act as (the agent-user flow is refused for any other user).
 *
 * @param name          the name callers use ({@code AgentIdentity=} accepts the name or the appId)
 * @param agentIdentity the agent identity's appId (client id), the {@code fmi_path} of leg 1
 * @param agentUsers    the agent's own user accounts, each named by object id or UPN (Entra gives an agent
 *                      identity one agent user; list it both ways to let callers name it either way)
 * @param bedrockAgents the Amazon Bedrock agents (and aliases) that act as this agent when they invoke
 *                      their action group ({@code BRIDGE_BEDROCK_AGENTS} or the file's {@code bedrockAgents})
 */
public record AgentDefinition(String name, String agentIdentity, List<AgentUser> agentUsers,
                              List<BedrockAgent> bedrockAgents) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentIdentity, "agentIdentity");
        agentUsers = agentUsers == null ? List.of() : List.copyOf(agentUsers);
        bedrockAgents = bedrockAgents == null ? List.of() : List.copyOf(bedrockAgents);
    }

    /** An agent with at most one agent user and the Bedrock agents that act as it. */
    public AgentDefinition(String name, String agentIdentity, Optional<AgentUser> agentUser, List<BedrockAgent> bedrockAgents) {
        this(name, agentIdentity, agentUser == null ? List.of() : agentUser.stream().toList(), bedrockAgents);
    }

    /** An agent no Bedrock agent acts as, with at most one agent user. */
    public AgentDefinition(String name, String agentIdentity, Optional<AgentUser> agentUser) {
        this(name, agentIdentity, agentUser, List.of());
    }

    /** A copy acted as by {@code bedrock}. */
    public AgentDefinition withBedrockAgents(List<BedrockAgent> bedrock) {
        return new AgentDefinition(name, agentIdentity, agentUsers, bedrock);
    }

    /**
     * Whether this agent may act as {@code user}: it is one of its agent users, by the same object id or the
     * same UPN (case-insensitive, as Entra compares UPNs).
     */
    public boolean actsAs(AgentUser user) {
        for (AgentUser own : agentUsers) {
            if (user.objectId() != null && user.objectId().equals(own.objectId())) {
                return true;
            }
            if (user.username() != null && own.username() != null
                    && user.username().toLowerCase(Locale.ROOT).equals(own.username().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
