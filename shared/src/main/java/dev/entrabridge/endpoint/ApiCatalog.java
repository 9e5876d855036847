package dev.entrabridge.endpoint;

import dev.entrabridge.config.DownstreamApi;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The configured downstream APIs by name; an unknown name is a 400 (as Microsoft's sidecar answers) that lists the known ones. */
final class ApiCatalog {

    private final Map<String, DownstreamApi> byName;

    ApiCatalog(Collection<DownstreamApi> apis) {
        Map<String, DownstreamApi> map = new TreeMap<>();
        for (DownstreamApi api : apis) {
            if (map.put(api.name(), api) != null) {
                throw new IllegalArgumentException("downstream API '" + api.name() + "' is configured twice");
            }
        }
        this.byName = Map.copyOf(map);
    }

    DownstreamApi require(String name) {
        DownstreamApi api = byName.get(name);
        if (api == null) {
            throw RequestRefused.badRequest("BRIDGE_UNKNOWN_API",
                    "No downstream API named '" + name + "' is configured; configured: "
                            + (byName.isEmpty() ? "none" : String.join(", ", new TreeMap<>(byName).keySet())) + ".",
                    "Use one of the configured API names, or ask the operator to configure '" + name + "'.");
        }
        return api;
    }
}
