package dev.entrabridge.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The query parameters of one sidecar-compatible route, checked before anything else runs:
 * names match case-insensitively (as ASP.NET binds them for Microsoft's sidecar), but an unknown
 * name, a name given twice, an empty value or a control character is refused — a parameter is
 * never silently ignored or silently picked from two.
 */
final class QueryParameters {

    static final String AGENT_IDENTITY = "AgentIdentity";
    static final String AGENT_USERNAME = "AgentUsername";
    static final String AGENT_USER_ID = "AgentUserId";
    static final String SCOPES = "optionsOverride.Scopes";
    static final String REQUEST_APP_TOKEN = "optionsOverride.RequestAppToken";
    static final String FORCE_REFRESH = "optionsOverride.AcquireTokenOptions.ForceRefresh";
    static final String TENANT = "optionsOverride.AcquireTokenOptions.Tenant";
    static final String CORRELATION_ID = "optionsOverride.AcquireTokenOptions.CorrelationId";
    static final String RELATIVE_PATH = "optionsOverride.RelativePath";
    static final String HTTP_METHOD = "optionsOverride.HttpMethod";
    static final String BASE_URL = "optionsOverride.BaseUrl";

    static final Set<String> TOKEN_PARAMETERS = Set.of(AGENT_IDENTITY, AGENT_USERNAME, AGENT_USER_ID, SCOPES,
            REQUEST_APP_TOKEN, FORCE_REFRESH, TENANT, CORRELATION_ID);
    static final Set<String> DOWNSTREAM_PARAMETERS = union(TOKEN_PARAMETERS, Set.of(RELATIVE_PATH, HTTP_METHOD));

    private static final int MAX_VALUE_LENGTH = 2048;
    private static final Set<String> REPEATABLE = Set.of(SCOPES);

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param query   decoded query of the request
     * @param allowed canonical names the route accepts
     * @throws RequestRefused 400 naming the offending parameter
     */
    static QueryParameters check(Map<String, List<String>> query, Set<String> allowed) {
        Map<String, String> canonical = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        allowed.forEach(name -> canonical.put(name, name));
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String given = e.getKey();
            if (given.equalsIgnoreCase(BASE_URL)) {
                throw RequestRefused.badRequest("BRIDGE_BASE_URL_OVERRIDE",
                        BASE_URL + " is not accepted: the downstream base URL is fixed by configuration.",
                        "Remove " + BASE_URL + "; ask the operator to configure the API if you need another one.");
            }
            String name = canonical.get(given);
            if (name == null) {
                throw RequestRefused.badRequest("BRIDGE_UNKNOWN_PARAMETER",
                        "Unknown query parameter '" + printable(given) + "'.",
                        "Use only " + String.join(", ", new TreeSet<>(allowed)) + ".");
            }
            List<String> merged = values.computeIfAbsent(name, k -> new ArrayList<>());
            merged.addAll(e.getValue());
            if (merged.size() > 1 && !REPEATABLE.contains(name)) {
                throw RequestRefused.badRequest("BRIDGE_DUPLICATE_PARAMETER",
                        "Query parameter " + name + " is given more than once (names are case-insensitive).",
                        "Give " + name + " exactly once.");
            }
            for (String value : e.getValue()) {
                checkValue(name, value);
            }
        }
        return new QueryParameters(values);
    }

    static void checkValue(String name, String value) {
        if (value.isBlank()) {
            throw RequestRefused.badRequest("BRIDGE_EMPTY_PARAMETER", name + " is empty.",
                    "Give " + name + " a value or leave it out.");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw RequestRefused.badRequest("BRIDGE_PARAMETER_TOO_LONG",
                    name + " is longer than " + MAX_VALUE_LENGTH + " characters.", "Shorten " + name + ".");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw RequestRefused.badRequest("BRIDGE_CONTROL_CHARACTER",
                        name + " contains a control character (CR, LF, NUL …), which could inject headers.",
                        "Remove control characters from " + name + ".");
            }
        }
    }

    Optional<String> single(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(0));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A strict boolean: {@code true} or {@code false}, any case; anything else is refused. */
    Optional<Boolean> flag(String name) {
        return single(name).map(v -> {
            String lower = v.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw RequestRefused.badRequest("BRIDGE_BAD_PARAMETER",
                        name + " must be true or false, not '" + printable(v) + "'.", "Send " + name + "=true or false.");
            }
            return lower.equals("true");
        });
    }

    /** Shortens and strips what a refusal echoes back, so an error body can never carry a long secret. */
    static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
