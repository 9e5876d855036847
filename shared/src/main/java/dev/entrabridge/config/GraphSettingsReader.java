package dev.entrabridge.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads {@link GraphSettings} from {@code BRIDGE_GRAPH_*} variables and the file's {@code graph}
 * object, with the same parsing rules as every other setting.
 */
final class GraphSettingsReader {

    static final String BASE_URL = "BRIDGE_GRAPH_BASE_URL";
    static final String MAX_BYTES = "BRIDGE_GRAPH_MAX_BYTES";
    static final String MAX_RESULTS = "BRIDGE_GRAPH_MAX_RESULTS";
    static final String ALLOWED_PATHS = "BRIDGE_GRAPH_ALLOWED_PATHS";
    static final String SEND_MAIL = "BRIDGE_GRAPH_SEND_MAIL";
    static final String TIMEOUT = "BRIDGE_GRAPH_TIMEOUT_MS";

    private final ConfigSources sources;

    GraphSettingsReader(ConfigSources sources) {
        this.sources = sources;
    }

    /** @param apis the configured downstream APIs, from which Graph's origin and scopes default */
    GraphSettings read(Collection<DownstreamApi> apis) {
        GraphSettings s = GraphSettings.defaultsFor(apis);
        s = sources.find("/graph/baseUrl", BASE_URL).map(GraphSettingsReader::baseUrl).map(s::withBaseUrl).orElse(s);
        s = sources.find("/graph/maxBytes", MAX_BYTES)
                .map(v -> SettingParsers.integer(v, GraphSettings.MIN_RESULT_BYTES, GraphSettings.MAX_RESULT_BYTES))
                .map(s::withMaxResultBytes).orElse(s);
        s = sources.find("/graph/maxResults", MAX_RESULTS)
                .map(v -> SettingParsers.integer(v, 1, GraphSettings.MAX_RESULTS)).map(s::withMaxResults).orElse(s);
        s = s.withAllowedPaths(allowedPaths());
        s = sources.find("/graph/sendMail", SEND_MAIL).map(SettingParsers::bool).map(s::withSendMailEnabled).orElse(s);
        return sources.find("/graph/timeoutMs", TIMEOUT).map(v -> SettingParsers.millis(v, 100, 120_000))
                .map(s::withTimeout).orElse(s);
    }

    private static URI baseUrl(Setting s) {
        URI origin = SettingParsers.origin(s, GraphSettings.PUBLIC_GRAPH.toString());
        if (!origin.getScheme().equals("https")) {
            throw s.invalid("is '" + s.value() + "': the agent's Graph token is only sent over https; set it to e.g. "
                    + GraphSettings.PUBLIC_GRAPH);
        }
        return origin;
    }

    private List<String> allowedPaths() {
        String origin = ALLOWED_PATHS;
        List<String> raw = sources.raw(ALLOWED_PATHS).map(ConfigSources::splitList).orElse(null);
        if (raw == null) {
            origin = ConfigSources.fileField("/graph/allowedPaths");
            raw = DownstreamApisReader.strings(sources.fileNode("/graph/allowedPaths"));
        }
        List<String> paths = new ArrayList<>();
        for (String p : raw) {
            try {
                paths.add(GraphSettings.normalisePath(p));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(origin, "lists " + e.getMessage());
            }
        }
        return paths;
    }
}
