package dev.entrabridge.endpoint;

import dev.entrabridge.config.AgentDefinition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured agents, found by name or by agent identity appId ({@code AgentIdentity=} accepts
 * both, as Microsoft's sidecar takes the appId). Policy rules name agents, so an appId is resolved
 * to its name before policy decides.
 */
final class AgentDirectory {

    private final Map<String, AgentDefinition> byName = new LinkedHashMap<>();
    private final Map<String, AgentDefinition> byAppId = new LinkedHashMap<>();

    AgentDirectory(Collection<AgentDefinition> agents) {
        for (AgentDefinition agent : agents) {
            byName.put(agent.name(), agent);
            byAppId.put(agent.agentIdentity().toLowerCase(java.util.Locale.ROOT), agent);
        }
    }

    Optional<AgentDefinition> find(String nameOrAppId) {
        AgentDefinition byN = byName.get(nameOrAppId);
        return byN != null ? Optional.of(byN)
                : Optional.ofNullable(byAppId.get(nameOrAppId.toLowerCase(java.util.Locale.ROOT)));
    }
}
