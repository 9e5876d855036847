package dev.entrabridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.token.AgentUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the named agents: {@code BRIDGE_AGENTS=name=appId[:agentUser]…,…} where each agent user is an
 * object id or a UPN (several, each after a {@code :}), and/or the file's {@code agents} object
 * ({@code {"travel": {"agentIdentity": "…", "agentUsers": ["<oid>", "<upn>"], "bedrockAgents": ["AGENT12345"]}}},
 * the older {@code "agentUserId"}/{@code "agentUsername"} too, or {@code {"travel": "<appId>"}}); then which
 * Bedrock agents act as them:
 * {@code BRIDGE_BEDROCK_AGENTS=name=<Bedrock agent id>[:<alias id>],…} (an agent may appear several
 * times) replaces every {@code bedrockAgents} of the file when it is set.
 */
final class AgentsReader {

    static final String AGENTS = "BRIDGE_AGENTS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A UPN: printable, no spaces, one {@code @} with something on both sides; Entra caps UPNs at 113 characters. */
    private static final Pattern UPN = Pattern.compile("[!#-?A-~&&[^@]]{1,64}@[A-Za-z0-9.-]{1,48}");

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
                    + "[:<agent user object id or UPN>]…, separated by commas");
        }
        String name = name(s, entry.substring(0, eq).trim());
        String[] parts = entry.substring(eq + 1).trim().split(":", -1);
        List<AgentUser> users = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            add(s, name, users, user(s, parts[i].trim()));
        }
        return new AgentDefinition(name, SettingParsers.guid(new Setting(s.origin(), parts[0].trim()),
                "the agent identity's appId for agent '" + name + "'"), users, List.of());
    }

    private static AgentDefinition fromFile(String rawName, JsonNode node) {
        String field = ConfigSources.fileField("/agents/" + rawName);
        String name = name(new Setting(field, rawName), rawName);
        if (node.isTextual()) {
            return new AgentDefinition(name, SettingParsers.guid(new Setting(field, node.asText()),
                    "the agent identity's appId"), List.of(), List.of());
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
        List<AgentUser> users = new ArrayList<>();
        JsonNode listed = node.path("agentUsers");
        if (!listed.isMissingNode() && !listed.isNull()) {
            if (!listed.isArray()) {
                throw new ConfigException(field + "/agentUsers", "must be an array of the agent's own users, each its "
                        + "object id or UPN, e.g. [\"<object id>\", \"agent@contoso.com\"]");
            }
            for (int i = 0; i < listed.size(); i++) {
                Setting item = new Setting(field + "/agentUsers/" + i, listed.get(i).isTextual() ? listed.get(i).asText() : "");
                add(item, name, users, user(item, item.value()));
            }
        }
        if (node.hasNonNull("agentUserId")) {
            Setting s = new Setting(field + "/agentUserId", node.get("agentUserId").asText());
            add(s, name, users, AgentUser.byObjectId(UUID.fromString(SettingParsers.guid(s, "the agent user's object id"))));
        }
        if (node.hasNonNull("agentUsername")) {
            Setting s = new Setting(field + "/agentUsername", node.get("agentUsername").asText());
            add(s, name, users, user(s, s.value()));
        }
        return new AgentDefinition(name, appId, users, bedrock);
    }

    private static AgentUser user(Setting s, String value) {
        if (SettingParsers.isGuid(value)) {
            return AgentUser.byObjectId(UUID.fromString(value));
        }
        if (!UPN.matcher(value).matches()) {
            throw s.invalid("names the agent user '" + printable(value) + "': give its object id (GUID) or its UPN "
                    + "(user@domain, no spaces)");
        }
        return AgentUser.byUsername(value);
    }

    private static void add(Setting s, String agent, List<AgentUser> users, AgentUser user) {
        if (users.stream().anyMatch(u -> u.key().equals(user.key()))) {
            throw s.invalid("names the agent user '" + printable(user.objectId() != null ? user.objectId().toString()
                    : user.username()) + "' of agent '" + agent + "' twice: list each once");
        }
        users.add(user);
    }

    private static String printable(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private static String name(Setting s, String name) {
        if (!NAME.matcher(name).matches()) {
            throw s.invalid("has the agent name '" + name + "': use 1-64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
