package dev.entrabridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the core's Microsoft Graph operations ({@code dev.entrabridge.graph}) reach Graph and how much
 * they may bring back; the variables are listed in that package's documentation.
 *
 * @param baseUrl         Graph's origin ({@code BRIDGE_GRAPH_BASE_URL}): scheme, host and port, https only;
 *                        default the origin of the configured downstream API whose scopes are Graph's, else
 *                        {@code https://graph.microsoft.com}
 * @param api             that downstream API's name, when there is one: the name caller policies list
 * @param scopes          the scopes to ask the agent's Graph token for: that API's, else
 *                        {@code https://graph.microsoft.com/.default}
 * @param maxResultBytes  cap on the JSON one operation returns ({@code BRIDGE_GRAPH_MAX_BYTES}, default 20480)
 * @param maxResults      cap on the items one operation returns ({@code BRIDGE_GRAPH_MAX_RESULTS}, default 25)
 * @param allowedPaths    path prefixes below {@code /v1.0/} the generic GET may read, e.g. {@code /users}
 *                        ({@code BRIDGE_GRAPH_ALLOWED_PATHS}, default none)
 * @param sendMailEnabled whether agents may send mail ({@code BRIDGE_GRAPH_SEND_MAIL}, default false)
 * @param timeout         the whole operation, all pages included ({@code BRIDGE_GRAPH_TIMEOUT_MS}, default 10000)
 */
public record GraphSettings(URI baseUrl, Optional<String> api, List<String> scopes, int maxResultBytes, int maxResults,
                            List<String> allowedPaths, boolean sendMailEnabled, Duration timeout) {

    public static final URI PUBLIC_GRAPH = URI.create("https://graph.microsoft.com");
    public static final int DEFAULT_MAX_RESULT_BYTES = 20 * 1024;
    public static final int DEFAULT_MAX_RESULTS = 25;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The smallest and largest result caps; below 1 KiB not even one user fits. */
    static final int MIN_RESULT_BYTES = 1024;
    static final int MAX_RESULT_BYTES = 1024 * 1024;
    /** Graph's own largest {@code $top} for users. */
    static final int MAX_RESULTS = 999;

    /** Graph's resource identifiers in every cloud; a scope below one of them is a Graph scope. */
    private static final List<String> GRAPH_RESOURCES = List.of("https://graph.microsoft.com/",
            "https://graph.microsoft.us/", "https://dod-graph.microsoft.us/", "https://microsoftgraph.chinacloudapi.cn/",
            "00000003-0000-0000-c000-000000000000/");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");

    public GraphSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(timeout, "timeout");
        scopes = List.copyOf(scopes);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (!"https".equalsIgnoreCase(baseUrl.getScheme()) || baseUrl.getHost() == null || baseUrl.getRawUserInfo() != null
                || !(path.isEmpty() || path.equals("/")) || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("Graph's base URL must be an https origin without a path, e.g. "
                    + PUBLIC_GRAPH + ", not " + baseUrl);
        }
        baseUrl = origin(baseUrl);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("Graph needs at least one scope, e.g. " + PUBLIC_GRAPH + "/.default");
        }
        if (maxResultBytes < MIN_RESULT_BYTES || maxResultBytes > MAX_RESULT_BYTES) {
            throw new IllegalArgumentException("the result cap must be " + MIN_RESULT_BYTES + ".." + MAX_RESULT_BYTES
                    + " bytes, not " + maxResultBytes);
        }
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new IllegalArgumentException("the result count cap must be 1.." + MAX_RESULTS + ", not " + maxResults);
        }
        List<String> normalised = new ArrayList<>();
        allowedPaths.forEach(p -> normalised.add(normalisePath(p)));
        allowedPaths = List.copyOf(normalised);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Graph timeout must be positive");
        }
    }

    /** Defaults, with Graph's origin and scopes taken from the first of {@code apis} whose scopes are Graph's. */
    public static GraphSettings defaultsFor(Collection<DownstreamApi> apis) {
        Optional<DownstreamApi> graph = graphApi(apis);
        return new GraphSettings(graph.map(a -> origin(a.baseUrl())).orElse(PUBLIC_GRAPH), graph.map(DownstreamApi::name),
                graph.map(DownstreamApi::scopes).orElse(List.of(PUBLIC_GRAPH + "/.default")), DEFAULT_MAX_RESULT_BYTES,
                DEFAULT_MAX_RESULTS, List.of(), false, DEFAULT_TIMEOUT);
    }

    /** The first API with a scope of Graph's, in configuration order. */
    static Optional<DownstreamApi> graphApi(Collection<DownstreamApi> apis) {
        return apis.stream().filter(a -> a.scopes().stream().anyMatch(GraphSettings::isGraphScope)).findFirst();
    }

    /** Whether {@code scope} is one of Microsoft Graph's (any cloud), e.g. {@code https://graph.microsoft.com/.default}. */
    public static boolean isGraphScope(String scope) {
        String s = scope.toLowerCase(Locale.ROOT);
        return GRAPH_RESOURCES.stream().anyMatch(s::startsWith);
    }

    public GraphSettings withBaseUrl(URI v) {
        return new GraphSettings(v, api, scopes, maxResultBytes, maxResults, allowedPaths, sendMailEnabled, timeout);
    }

    public GraphSettings withMaxResultBytes(int v) {
        return new GraphSettings(baseUrl, api, scopes, v, maxResults, allowedPaths, sendMailEnabled, timeout);
    }

    public GraphSettings withMaxResults(int v) {
        return new GraphSettings(baseUrl, api, scopes, maxResultBytes, v, allowedPaths, sendMailEnabled, timeout);
    }

    public GraphSettings withAllowedPaths(List<String> v) {
        return new GraphSettings(baseUrl, api, scopes, maxResultBytes, maxResults, v, sendMailEnabled, timeout);
    }

    public GraphSettings withSendMailEnabled(boolean v) {
        return new GraphSettings(baseUrl, api, scopes, maxResultBytes, maxResults, allowedPaths, v, timeout);
    }

    public GraphSettings withTimeout(Duration v) {
        return new GraphSettings(baseUrl, api, scopes, maxResultBytes, maxResults, allowedPaths, sendMailEnabled, v);
    }

    /**
     * {@code users} or {@code /users/} → {@code /users}. Whole segments of plain path characters only:
     * no query, no percent escapes, no {@code .}/{@code ..}, not the version itself, not everything ({@code /}).
     */
    static String normalisePath(String raw) {
        String p = raw == null ? "" : raw.trim();
        p = p.startsWith("/") ? p : "/" + p;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            throw new IllegalArgumentException("'" + raw + "', which would allow every Graph GET: list only the prefixes agents "
                    + "need, e.g. /users,/groups");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.startsWith("/v1.0/") || lower.equals("/v1.0") || lower.startsWith("/beta")) {
            throw new IllegalArgumentException("'" + raw + "', which names a version: prefixes are relative to /v1.0/, "
                    + "write e.g. /users rather than /v1.0/users");
        }
        for (String segment : p.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + raw + "', which is not a plain path prefix: use segments such as "
                        + "/users or /groups (no empty, '.' or '..' segments, no query, no percent escapes)");
            }
        }
        return p;
    }

    private static URI origin(URI u) {
        return URI.create(u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority());
    }
}
