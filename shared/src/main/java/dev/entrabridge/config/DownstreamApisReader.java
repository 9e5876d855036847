package dev.entrabridge.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads downstream APIs from the Microsoft sidecar's variables
 * ({@code DownstreamApis__<name>__BaseUrl}, {@code __Scopes__N}, {@code __RelativePath}, {@code __HttpMethod},
 * {@code __RequestAppToken}, {@code __AcquireTokenOptions__Tenant|ForceRefresh|Claims}, and ours,
 * {@code __AllowedPaths__N}) and/or the file's {@code apis} object
 * ({@code {"graph": {"baseUrl": …, "scopes": […], "relativePath": …, "httpMethod": …, "requestAppToken": …,
 * "acquireTokenOptions": {…}, "allowedPaths": […]}}}). The options that would change the token type or
 * identity behind the caller policy's back are refused with the variable to remove.
 */
final class DownstreamApisReader {

    static final String PREFIX = "DownstreamApis__";
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Microsoft binds these; the bridge refuses them (another identity, a PoP or long-running OBO token). */
    private static final java.util.Set<String> UNSUPPORTED = java.util.Set.of("acquiretokenoptions__fmipath",
            "acquiretokenoptions__poppublickey", "acquiretokenoptions__longrunningwebapisessionkey",
            "acquiretokenoptions__managedidentity__userassignedclientid");

    private final ConfigSources sources;

    DownstreamApisReader(ConfigSources sources) {
        this.sources = sources;
    }

    List<DownstreamApi> read() {
        Map<String, DownstreamApi> result = new LinkedHashMap<>();
        JsonNode file = sources.fileNode("/apis");
        if (file.isObject()) {
            for (Map.Entry<String, JsonNode> e : file.properties()) {
                result.put(e.getKey(), fromFile(e.getKey(), e.getValue()));
            }
        }
        fromEnvironment().forEach(a -> result.put(a.name(), a));
        return new ArrayList<>(result.values());
    }

    private List<DownstreamApi> fromEnvironment() {
        // name -> (lower-cased property path -> value); .NET configuration keys are case-insensitive.
        Map<String, Map<String, String>> byApi = new LinkedHashMap<>();
        Map<String, String> originalNames = new LinkedHashMap<>();
        sources.envWithPrefix(PREFIX).forEach((key, value) -> {
            String rest = key.substring(PREFIX.length());
            int sep = rest.indexOf("__");
            if (sep <= 0) {
                throw new ConfigException(key, "is not of the form DownstreamApis__<name>__BaseUrl|Scopes__<n>|RelativePath|HttpMethod|…");
            }
            String name = rest.substring(0, sep);
            byApi.computeIfAbsent(name, n -> new TreeMap<>()).put(rest.substring(sep + 2).toLowerCase(Locale.ROOT), value);
            originalNames.put(name, key);
        });
        List<DownstreamApi> apis = new ArrayList<>();
        byApi.forEach((name, props) -> {
            String base = PREFIX + name + "__";
            String baseUrl = props.get("baseurl");
            if (baseUrl == null) {
                throw new ConfigException(base + "BaseUrl", "is missing: set it to the API's base URL, "
                        + "e.g. https://graph.microsoft.com/v1.0");
            }
            URI url = SettingParsers.url(new Setting(base + "BaseUrl", baseUrl), true, "https://graph.microsoft.com/v1.0");
            List<String> scopes = indexed(props, "scopes");
            if (scopes.isEmpty() && props.containsKey("scopes")) {
                scopes = ConfigSources.splitList(props.get("scopes"));
            }
            if (scopes.isEmpty()) {
                throw new ConfigException(base + "Scopes__0", "is missing: set it to the API's scope, "
                        + "e.g. https://graph.microsoft.com/.default");
            }
            for (String option : props.keySet()) {
                if (UNSUPPORTED.contains(option)) {
                    throw new ConfigException(base + option, "is not supported by this bridge: it would obtain a token of another"
                            + " identity or type than the caller policy grants; remove it");
                }
            }
            String method = props.getOrDefault("httpmethod", "GET");
            DownstreamDefaults defaults = new DownstreamDefaults(props.get("relativepath"), method(base + "HttpMethod", method),
                    bool(base + "RequestAppToken", props.get("requestapptoken")),
                    Optional.ofNullable(props.get("acquiretokenoptions__tenant")),
                    bool(base + "AcquireTokenOptions__ForceRefresh", props.get("acquiretokenoptions__forcerefresh")),
                    Optional.ofNullable(props.get("acquiretokenoptions__claims")));
            apis.add(new DownstreamApi(name, url, scopes, indexed(props, "allowedpaths"), defaults));
        });
        return apis;
    }

    private static List<String> indexed(Map<String, String> props, String prefix) {
        Map<Integer, String> ordered = new TreeMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(prefix + "__")) {
                try {
                    ordered.put(Integer.parseInt(k.substring(prefix.length() + 2)), v);
                } catch (NumberFormatException e) {
                    throw new ConfigException(PREFIX + "…__" + k, "has a non-numeric index: number entries __0, __1, …");
                }
            }
        });
        return new ArrayList<>(ordered.values());
    }

    private static DownstreamApi fromFile(String name, JsonNode node) {
        String field = ConfigSources.fileField("/apis/" + name);
        JsonNode base = node.path("baseUrl");
        if (!base.isTextual()) {
            throw new ConfigException(field + "/baseUrl", "is missing: set it to the API's base URL");
        }
        URI url = SettingParsers.url(new Setting(field + "/baseUrl", base.asText()), true, "https://graph.microsoft.com/v1.0");
        List<String> scopes = strings(node.path("scopes"));
        if (scopes.isEmpty()) {
            throw new ConfigException(field + "/scopes", "is missing: set it to e.g. [\"https://graph.microsoft.com/.default\"]");
        }
        JsonNode options = node.path("acquireTokenOptions");
        for (String unsupported : List.of("fmiPath", "popPublicKey", "longRunningWebApiSessionKey", "managedIdentity")) {
            if (options.has(unsupported)) {
                throw new ConfigException(field + "/acquireTokenOptions/" + unsupported, "is not supported by this bridge: it"
                        + " would obtain a token of another identity or type than the caller policy grants; remove it");
            }
        }
        DownstreamDefaults defaults = new DownstreamDefaults(text(node.path("relativePath")),
                method(field + "/httpMethod", node.path("httpMethod").isTextual() ? node.path("httpMethod").asText() : "GET"),
                node.path("requestAppToken").asBoolean(false), Optional.ofNullable(text(options.path("tenant"))),
                options.path("forceRefresh").asBoolean(false), Optional.ofNullable(text(options.path("claims"))));
        return new DownstreamApi(name, url, scopes, strings(node.path("allowedPaths")), defaults);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String method(String variable, String value) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw new ConfigException(variable, "is '" + value + "': use GET, POST, PUT, PATCH or DELETE");
        }
        return upper;
    }

    private static boolean bool(String variable, String value) {
        if (value == null) {
            return false;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new ConfigException(variable, "is '" + value + "': set it to true or false");
        }
        return lower.equals("true");
    }

    /** A JSON array of strings, or one comma/space separated string, as a list. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.addAll(ConfigSources.splitList(node.asText()));
        }
        return out;
    }
}
