package dev.entrabridge.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query parameters of the sidecar-compatible routes, bound as Microsoft's sidecar binds them:
 * names case-insensitively, the last value of a repeated option winning ({@code optionsOverride.Scopes}
 * adds them up), empty options and names it does not know ignored (each unknown name logged once).
 * What it does not share: {@code AgentIdentity}, {@code AgentUsername} and {@code AgentUserId} are given
 * at most once and never empty, a control character anywhere is refused, {@code optionsOverride.BaseUrl}
 * is dropped with a warning, and the four options that would change the identity or the token type
 * behind the caller policy's back are refused with what to configure instead.
 */
final class QueryParameters {

    static final String AGENT_IDENTITY = "AgentIdentity";
    static final String AGENT_USERNAME = "AgentUsername";
    static final String AGENT_USER_ID = "AgentUserId";
    static final String OPTIONS = "optionsOverride.";
    static final String SCOPES = OPTIONS + "Scopes";
    static final String REQUEST_APP_TOKEN = OPTIONS + "RequestAppToken";
    static final String FORCE_REFRESH = OPTIONS + "AcquireTokenOptions.ForceRefresh";
    static final String TENANT = OPTIONS + "AcquireTokenOptions.Tenant";
    static final String CORRELATION_ID = OPTIONS + "AcquireTokenOptions.CorrelationId";
    static final String CLAIMS = OPTIONS + "AcquireTokenOptions.Claims";
    static final String RELATIVE_PATH = OPTIONS + "RelativePath";
    static final String HTTP_METHOD = OPTIONS + "HttpMethod";
    static final String ACCEPT_HEADER = OPTIONS + "AcceptHeader";
    static final String CONTENT_TYPE = OPTIONS + "ContentType";
    static final String BASE_URL = OPTIONS + "BaseUrl";
    /** Header and query maps, keyed by what follows the prefix ({@code CustomHeader} is the Learn samples' name). */
    static final String EXTRA_HEADER = OPTIONS + "ExtraHeaderParameters.";
    static final String CUSTOM_HEADER = OPTIONS + "CustomHeader.";
    static final String EXTRA_QUERY = OPTIONS + "ExtraQueryParameters.";

    /** The options refused on purpose, each with why and what to do instead. */
    private static final Map<String, String[]> REFUSED = Map.of(
            OPTIONS + "AcquireTokenOptions.FmiPath", new String[]{
                "would pick another identity (an fmi_path) than the AgentIdentity the caller policy judges",
                "Name the agent with AgentIdentity=<agent name or appId>; the bridge derives the fmi_path itself."},
            OPTIONS + "AcquireTokenOptions.ManagedIdentity.UserAssignedClientId", new String[]{
                "would swap the credential behind the bridge for a managed identity the caller chooses",
                "Ask the operator to set BRIDGE_CREDENTIAL_SOURCE=managed-identity and BRIDGE_MANAGED_IDENTITY_CLIENT_ID."},
            OPTIONS + "AcquireTokenOptions.PopPublicKey", new String[]{
                "asks for a proof-of-possession token, which this bridge does not issue",
                "Leave it out: the bridge issues Bearer tokens only."},
            OPTIONS + "AcquireTokenOptions.LongRunningWebApiSessionKey", new String[]{
                "asks for a long-running on-behalf-of session, which this bridge does not keep",
                "Leave it out and present the user's current token on each call to /AuthorizationHeader or /DownstreamApi."});

    private static final Set<String> AGENT_PARAMETERS = Set.of(AGENT_IDENTITY, AGENT_USERNAME, AGENT_USER_ID);
    private static final Set<String> KNOWN = Set.of(AGENT_IDENTITY, AGENT_USERNAME, AGENT_USER_ID, SCOPES, REQUEST_APP_TOKEN,
            FORCE_REFRESH, TENANT, CORRELATION_ID, CLAIMS, RELATIVE_PATH, HTTP_METHOD, ACCEPT_HEADER, CONTENT_TYPE,
            OPTIONS + "AcquireTokenOptions.AuthenticationOptionsName");
    private static final int MAX_VALUE_LENGTH = 2048;
    private static final int MAX_LOGGED_NAMES = 200;
    /** Each known name under itself, found case-insensitively: built once, read by every request. */
    private static final Map<String, String> CANONICAL = canonicalNames();
    private static final Set<String> LOGGED_UNKNOWN = ConcurrentHashMap.newKeySet();
    private static final System.Logger LOG = System.getLogger(QueryParameters.class.getName());

    private final Map<String, List<String>> values;
    private final Map<String, String> headers;
    private final Map<String, String> query;

    private QueryParameters(Map<String, List<String>> values, Map<String, String> headers, Map<String, String> query) {
        this.values = values;
        this.headers = headers;
        this.query = query;
    }

    /**
     * @param query decoded query of the request
     * @throws RequestRefused 400 naming the offending parameter
     */
    private static Map<String, String> canonicalNames() {
        TreeMap<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        KNOWN.forEach(name -> names.put(name, name));
        return java.util.Collections.unmodifiableMap(names);
    }

    static QueryParameters read(Map<String, List<String>> query) {
        Map<String, String> canonical = CANONICAL;
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> extraQuery = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String given = e.getKey();
            refuseUnsupported(given);
            String last = e.getValue().isEmpty() ? "" : e.getValue().get(e.getValue().size() - 1);
            if (given.equalsIgnoreCase(BASE_URL)) {
                LOG.log(System.Logger.Level.WARNING, "event=base_url_override_ignored value=\"{0}\"", printable(last));
                continue;
            }
            Optional<String> header = suffix(given, EXTRA_HEADER).or(() -> suffix(given, CUSTOM_HEADER));
            if (header.isPresent() || suffix(given, EXTRA_QUERY).isPresent()) {
                if (!last.isEmpty()) {
                    checkValue(given, last);
                    (header.isPresent() ? headers : extraQuery).put(header.orElseGet(() -> suffix(given, EXTRA_QUERY).get()), last);
                }
                continue;
            }
            String name = canonical.get(given);
            if (name == null) {
                logUnknown(given);
                continue;
            }
            List<String> merged = values.computeIfAbsent(name, k -> new ArrayList<>());
            for (String value : e.getValue()) {
                if (!AGENT_PARAMETERS.contains(name) && value.isBlank()) {
                    continue; // Microsoft skips empty options
                }
                checkValue(name, value);
                merged.add(value);
            }
            if (AGENT_PARAMETERS.contains(name) && merged.size() > 1) {
                throw RequestRefused.badRequest("BRIDGE_DUPLICATE_PARAMETER",
                        "Query parameter " + name + " is given more than once (names are case-insensitive).",
                        "Give " + name + " exactly once.");
            }
        }
        values.values().removeIf(List::isEmpty);
        return new QueryParameters(values, headers, extraQuery);
    }

    private static void refuseUnsupported(String given) {
        for (Map.Entry<String, String[]> r : REFUSED.entrySet()) {
            if (r.getKey().equalsIgnoreCase(given)) {
                throw RequestRefused.badRequest("BRIDGE_UNSUPPORTED_OPTION",
                        r.getKey() + " is not supported: it " + r.getValue()[0] + ".", r.getValue()[1]);
            }
        }
    }

    private static Optional<String> suffix(String given, String prefix) {
        if (given.length() > prefix.length() && given.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.of(given.substring(prefix.length()));
        }
        return Optional.empty();
    }

    private static void logUnknown(String name) {
        String key = printable(name).toLowerCase(Locale.ROOT);
        if (LOGGED_UNKNOWN.size() < MAX_LOGGED_NAMES && LOGGED_UNKNOWN.add(key)) {
            LOG.log(System.Logger.Level.WARNING, "event=unknown_query_parameter_ignored name=\"{0}\" note=logged_once", key);
        }
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

    /** The value given (the last one, when an option is repeated). */
    Optional<String> single(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@code ExtraHeaderParameters.*} and {@code CustomHeader.*}: header name → value. */
    Map<String, String> extraHeaders() {
        return headers;
    }

    /** {@code ExtraQueryParameters.*}: parameter name → value, in the order given. */
    Map<String, String> extraQuery() {
        return query;
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
}
