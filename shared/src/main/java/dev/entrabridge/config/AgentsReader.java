package dev.entrabridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.token.AgentUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the named agents: {@code BRIDGE_AGENTS=name=appId[:agentUser],…} where the agent user is an
 * object id or a UPN, and/or the file's {@code agents} object
 * ({@code {"travel": {"agentIdentity": "…", "agentUserId": "…", "bedrockAgents": ["AGENT12345"]}}} or
 * {@code {"travel": "<appId>"}}); then which Bedrock agents act as them:
 * {@code BRIDGE_BEDROCK_AGENTS=name=<Bedrock agent id>[:<alias id>],…} (an agent may appear several
 * times) replaces every {@code bedrockAgents} of the file when it is set.
 */
final class AgentsReader {

    static final String AGENTS = "BRIDGE_AGENTS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ConfigSources sources;

    AgentsReader(ConfigSources sources) {
        this.sources = sources;
    }

    List<AgentDefinition> read() {
        Map<String, AgentDefinition> result = new LinkedHashMap<>();
        JsonNode file = sources.fileNode("/agents");
        if (file.isObject()) {
            for (Map.Entry<String, JsonNode> e : file.properties()) {
                result.put(e.getKey(), fromFile(e.getKey(), e.getValue()));
            }
        } else if (!file.isMissingNode()) {
            throw new ConfigException(ConfigSources.fileField("/agents"), "must be an object of agent name to "
                    + "{\"agentIdentity\": \"<appId>\"}");
        }
        sources.find(null, AGENTS).ifPresent(s -> {
            for (String entry : s.value().split(",")) {
                if (!entry.isBlank()) {
                    AgentDefinition a = fromEnv(s, entry.trim());
                    result.put(a.name(), a);
                }
            }
        });
        sources.find(null, BedrockAgents.VARIABLE).ifPresent(s -> bedrockFromEnv(s, result));
        List<AgentDefinition> agents = new ArrayList<>(result.values());
        new BedrockAgents(agents);
        return agents;
    }

    /** {@code name=AGENT12345[:ALIASID12],…}: the whole mapping, replacing the file's lists. */
    private static void bedrockFromEnv(Setting s, Map<String, AgentDefinition> agents) {
        Map<String, List<BedrockAgent>> lists = new LinkedHashMap<>();
        for (String entry : s.value().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw s.invalid("has the entry '" + entry.trim() + "': write each mapping as <agent name>=<Bedrock agent "
                        + "id>[:<alias id>], separated by commas, e.g. helpdesk=AGENT12345:TSTALIASID");
            }
            String name = entry.substring(0, eq).trim();
            if (!agents.containsKey(name)) {
                throw s.invalid("names the agent '" + name + "', which is not configured: use one of " + agents.keySet()
                        + " or add it to BRIDGE_AGENTS");
            }
            lists.computeIfAbsent(name, n -> new ArrayList<>()).add(bedrock(s, entry.substring(eq + 1).trim()));
        }
        agents.replaceAll((name, agent) -> agent.withBedrockAgents(lists.getOrDefault(name, List.of())));
    }

    private static BedrockAgent bedrock(Setting s, String text) {
        try {
            return BedrockAgent.parse(text);
        } catch (IllegalArgumentException e) {
            throw s.invalid("has the Bedrock agent '" + text + "': " + e.getMessage()
                    + "; write the agent id as the console shows it (e.g. AGENT12345), optionally :<alias id> (e.g. :TSTALIASID)");
        }
    }

    private static AgentDefinition fromEnv(Setting s, String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
            throw s.invalid("has the entry '" + entry + "': write each agent as name=<agent identity appId>"
                    + "[:<agent user object id or UPN>], separated by commas");
        }
        String name = name(s, entry.substring(0, eq).trim());
        String rest = entry.substring(eq + 1).trim();
        int colon = rest.indexOf(':');
        String appId = colon < 0 ? rest : rest.substring(0, colon).trim();
        Optional<AgentUser> user = colon < 0 ? Optional.empty() : Optional.of(user(s, rest.substring(colon + 1).trim()));
        return new AgentDefinition(name, SettingParsers.guid(new Setting(s.origin(), appId),
                "the agent identity's appId for agent '" + name + "'"), user);
    }

    private static AgentDefinition fromFile(String rawName, JsonNode node) {
        String field = ConfigSources.fileField("/agents/" + rawName);
        String name = name(new Setting(field, rawName), rawName);
        if (node.isTextual()) {
            return new AgentDefinition(name, SettingParsers.guid(new Setting(field, node.asText()),
                    "the agent identity's appId"), Optional.empty());
        }
        List<BedrockAgent> bedrock = new ArrayList<>();
        JsonNode list = node.path("bedrockAgents");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new ConfigException(field + "/bedrockAgents", "must be an array of Bedrock agent ids, e.g. "
                        + "[\"AGENT12345\", \"AGENT67890:TSTALIASID\"]");
            }
            for (int i = 0; i < list.size(); i++) {
                Setting item = new Setting(field + "/bedrockAgents/" + i, list.get(i).asText());
                bedrock.add(bedrock(item, item.value()));
            }
        }
        JsonNode id = node.path("agentIdentity");
        if (!id.isTextual()) {
            throw new ConfigException(field + "/agentIdentity", "is missing: set it to the agent identity's appId");
        }
        String appId = SettingParsers.guid(new Setting(field + "/agentIdentity", id.asText()),
                "the agent identity's appId");
        Optional<AgentUser> user = Optional.empty();
        if (node.hasNonNull("agentUserId") && node.hasNonNull("agentUsername")) {
            throw new ConfigException(field, "names both agentUserId and agentUsername: keep one (the object id is preferred)");
        }
        if (node.hasNonNull("agentUserId")) {
            Setting s = new Setting(field + "/agentUserId", node.get("agentUserId").asText());
            user = Optional.of(AgentUser.byObjectId(UUID.fromString(SettingParsers.guid(s, "the agent user's object id"))));
        } else if (node.hasNonNull("agentUsername")) {
            user = Optional.of(user(new Setting(field + "/agentUsername", node.get("agentUsername").asText()),
                    node.get("agentUsername").asText()));
        }
        return new AgentDefinition(name, appId, user, bedrock);
    }

    private static AgentUser user(Setting s, String value) {
        if (SettingParsers.isGuid(value)) {
            return AgentUser.byObjectId(UUID.fromString(value));
        }
        if (!value.contains("@")) {
            throw s.invalid("names the agent user '" + value + "': give its object id (GUID) or its UPN (user@domain)");
        }
        return AgentUser.byUsername(value);
    }

    private static String name(Setting s, String name) {
        if (!NAME.matcher(name).matches()) {
            throw s.invalid("has the agent name '" + name + "': use 1-64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
