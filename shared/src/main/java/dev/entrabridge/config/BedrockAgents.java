package dev.entrabridge.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which configured agent an Amazon Bedrock agent acts as when it invokes its action group: the agent
 * whose {@code bedrockAgents} name that Bedrock agent and alias exactly, else the one naming the
 * Bedrock agent without an alias. A Bedrock agent (with the same alias, or without one) may act as
 * one agent only.
 */
public final class BedrockAgents {

    static final String VARIABLE = "BRIDGE_BEDROCK_AGENTS";

    private final Map<String, AgentDefinition> byKey = new HashMap<>();

    /** @throws ConfigException naming {@code BRIDGE_BEDROCK_AGENTS} when one Bedrock agent is given to two agents */
    public BedrockAgents(Collection<AgentDefinition> agents) {
        for (AgentDefinition agent : agents) {
            for (BedrockAgent bedrock : agent.bedrockAgents()) {
                AgentDefinition before = byKey.put(key(bedrock.agentId(), bedrock.aliasId()), agent);
                if (before != null && !before.name().equals(agent.name())) {
                    throw new ConfigException(VARIABLE, "gives Bedrock agent " + bedrock + " to both '" + before.name()
                            + "' and '" + agent.name() + "': map each Bedrock agent (and alias) to one agent");
                }
            }
        }
    }

    /** The agent {@code agentId} (invoked through {@code aliasId}, if known) acts as, if one is configured. */
    public Optional<AgentDefinition> find(String agentId, Optional<String> aliasId) {
        if (agentId == null) {
            return Optional.empty();
        }
        Optional<AgentDefinition> exact = aliasId.map(alias -> byKey.get(key(agentId, Optional.of(alias))));
        return exact.isPresent() ? exact : Optional.ofNullable(byKey.get(key(agentId, Optional.empty())));
    }

    /** Whether any agent is mapped at all (a Bedrock deployment without a mapping refuses every agent). */
    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    private static String key(String agentId, Optional<String> aliasId) {
        return agentId + "/" + aliasId.orElse("*");
    }
}
