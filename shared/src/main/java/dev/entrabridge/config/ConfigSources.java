package dev.entrabridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The raw inputs of a {@link BridgeConfig}: an environment map and, when {@code BRIDGE_CONFIG_FILE}
 * names one, a JSON document. Environment variables win over the file so a deployment can override
 * one value without editing the file. Never reads {@link System#getenv()} itself: tests pass maps.
 */
final class ConfigSources {

    static final String CONFIG_FILE = "BRIDGE_CONFIG_FILE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final JsonNode file;

    private ConfigSources(Map<String, String> env, JsonNode file) {
        this.env = env;
        this.file = file;
    }

    static ConfigSources of(Map<String, String> environment) {
        Map<String, String> env = new TreeMap<>(environment);
        String path = blankToNull(env.get(CONFIG_FILE));
        if (path == null) {
            return new ConfigSources(env, MissingNode.getInstance());
        }
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new ConfigException(CONFIG_FILE, "names '" + path + "', which is not a readable file: "
                    + "set it to the path of the bridge's JSON configuration, or unset it");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new ConfigException(CONFIG_FILE, "names '" + path + "', which does not hold a JSON object: "
                        + "write the configuration as {\"tenantId\": …, \"blueprintClientId\": …}");
            }
            return new ConfigSources(env, root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(CONFIG_FILE, "names '" + path + "', which is not valid JSON ("
                    + e.getOriginalMessage() + "): fix the file's syntax");
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE, "names '" + path + "', which cannot be read (" + e.getMessage()
                    + "): check the path and the file's permissions");
        }
    }

    /** The first non-blank value among the environment names, then the file field at {@code jsonPath}. */
    Optional<Setting> find(String jsonPath, String... envNames) {
        for (String name : envNames) {
            String v = blankToNull(env.get(name));
            if (v != null) {
                return Optional.of(new Setting(name, v));
            }
        }
        if (jsonPath != null) {
            JsonNode node = file.at(jsonPath);
            if (!node.isMissingNode() && !node.isNull() && node.isValueNode()) {
                String v = blankToNull(node.asText());
                if (v != null) {
                    return Optional.of(new Setting(fileField(jsonPath), v));
                }
            }
        }
        return Optional.empty();
    }

    /** Environment entries whose names start with {@code prefix} (e.g. {@code DownstreamApis__}). */
    Map<String, String> envWithPrefix(String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(prefix) && blankToNull(v) != null) {
                result.put(k, v.trim());
            }
        });
        return result;
    }

    /** The file node at {@code jsonPath}, or a missing node. */
    JsonNode fileNode(String jsonPath) {
        return file.at(jsonPath);
    }

    /** The raw environment value, for variables MSAL or the AWS SDK read by name. */
    Optional<String> raw(String name) {
        return Optional.ofNullable(blankToNull(env.get(name)));
    }

    Map<String, String> environment() {
        return env;
    }

    static String fileField(String jsonPath) {
        return CONFIG_FILE + " field " + jsonPath;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static List<String> splitList(String value) {
        return List.of(value.split("\\s*[,\\s]\\s*")).stream().filter(s -> !s.isBlank()).toList();
    }
}
