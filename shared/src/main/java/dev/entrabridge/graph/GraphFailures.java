package dev.entrabridge.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.graph.GraphOperation.Permission;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Graph's error answers and transport failures as diagnoses that say what to do. Graph's body is
 * {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}; its
 * message is quoted (shortened, single line, the agent's token cut out should it ever be echoed).
 */
final class GraphFailures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_LIMIT = 300;

    private GraphFailures() {
    }

    /** Graph answered {@code status} (not 2xx). */
    static GraphException answer(GraphCall call, GraphSettings settings, int status, String body,
                                 Map<String, List<String>> headers, Instant now) {
        JsonNode error = errorNode(body);
        String code = error.path("code").asText("");
        String message = clean(error.path("message").asText(""), call.token());
        String requestId = error.path("innerError").path("request-id").asText(header(headers, "request-id"));
        Duration retryAfter = retryAfter(header(headers, "retry-after"), now);
        String answered = "(" + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message)
                + (requestId == null || requestId.isEmpty() ? "" : "; request-id " + requestId) + ")";
        Diagnosis d = diagnosis(call, settings, status, code, answered, retryAfter);
        return new GraphException(d, status, code.isEmpty() ? null : code, requestId == null || requestId.isEmpty()
                ? null : requestId, retryAfter, null);
    }

    private static Diagnosis diagnosis(GraphCall call, GraphSettings settings, int status, String code, String answered,
                                       Duration retryAfter) {
        String what = call.operation().description() + " (" + call.target() + ")";
        if (status == 403) {
            return forbidden(call, what, answered);
        }
        if (status == 401) {
            return new Diagnosis(Category.CREDENTIAL, "GRAPH_UNAUTHORIZED", "Microsoft Graph did not accept the agent's "
                    + "token to " + what + " " + answered + ".", "Request the agent's token for Microsoft Graph (scope "
                    + String.join(" ", settings.scopes()) + ") in the tenant whose Graph is at " + settings.baseUrl()
                    + "; an expired token is replaced on the next request.");
        }
        if (status == 404 && code.equals("MailboxNotEnabledForRESTAPI")) {
            return new Diagnosis(Category.CALLER, "GRAPH_NO_MAILBOX", "The " + call.target() + " has no Exchange Online "
                    + "mailbox " + answered + ".", "Pick a user with an Exchange Online mailbox; on-premises, inactive and "
                    + "unlicensed mailboxes cannot be reached through Graph.");
        }
        if (status == 404) {
            return new Diagnosis(Category.CALLER, "GRAPH_NOT_FOUND", "Microsoft Graph found nothing to " + what + " "
                    + answered + ".", call.operation() == GraphOperation.GET
                    ? "Check the path against the Graph API reference; ids and user principal names must exist in the tenant."
                    : "Check the user principal name or object id; search users by name or mail prefix to find it.");
        }
        if (status == 429) {
            return new Diagnosis(Category.TRANSIENT, "GRAPH_THROTTLED", "Microsoft Graph throttled the request to " + what
                    + " " + answered + ".", "Wait " + wait(retryAfter) + " and try again; if it keeps happening, make "
                    + "fewer Graph requests.");
        }
        if (status >= 500) {
            return new Diagnosis(Category.TRANSIENT, "GRAPH_UNAVAILABLE", "Microsoft Graph failed to " + what + " "
                    + answered + ".", "Try again in " + wait(retryAfter) + "; check the Microsoft 365 service health "
                    + "if it persists.");
        }
        if (status >= 300 && status < 400) {
            return new Diagnosis(Category.CONFIGURATION, "GRAPH_REDIRECTED", "Microsoft Graph answered with a redirect "
                    + answered + ", which the bridge never follows.", "Set BRIDGE_GRAPH_BASE_URL to Graph itself (e.g. "
                    + GraphSettings.PUBLIC_GRAPH + "), not to a proxy that redirects.");
        }
        if (status == 400) {
            return new Diagnosis(Category.CALLER, "GRAPH_BAD_REQUEST", "Microsoft Graph refused the request to " + what
                    + " " + answered + ".", call.operation() == GraphOperation.GET
                    ? "Change the path or query as Graph's message says (see the Graph API reference for the resource)."
                    : "Change the values given as Graph's message says.");
        }
        return new Diagnosis(Category.CALLER, "GRAPH_REQUEST_REFUSED", "Microsoft Graph refused the request to " + what
                + " " + answered + ".", "Change the request as Graph's message says.");
    }

    /** 403: name the permission this operation needs, for the kind of token the agent holds. */
    private static Diagnosis forbidden(GraphCall call, String what, String answered) {
        TokenFacts facts = call.facts();
        Permission needed = call.permission();
        String holder = facts.appId() == null ? "the agent identity" : "agent identity " + facts.appId();
        String carries = facts.kind() == TokenFacts.Kind.UNKNOWN ? ""
                : "; its " + (facts.kind() == TokenFacts.Kind.DELEGATED ? "delegated" : "app-only") + " token carries "
                + (facts.permissions().isEmpty() ? "no Graph permission" : String.join(", ", facts.permissions()));
        String cause = "Microsoft Graph refused to " + what + " for " + holder + " " + answered + carries + ".";
        if (needed == null) {
            return new Diagnosis(Category.PERMISSION, "GRAPH_FORBIDDEN", cause, "Grant " + holder + " the Microsoft Graph "
                    + "permission the Graph API reference lists for this request (admin consent), then ask again.");
        }
        boolean delegated = facts.kind() == TokenFacts.Kind.DELEGATED;
        String permission = delegated ? needed.delegated() : needed.application();
        if (facts.carries(permission) && call.operation().mailbox()) {
            return new Diagnosis(Category.PERMISSION, "GRAPH_MAILBOX_ACCESS_DENIED", cause, "The token already carries "
                    + permission + ", so Exchange Online refused this mailbox: check the application access policy or "
                    + "RBAC for Applications scope that limits " + holder + " to certain mailboxes"
                    + (delegated ? ", or use an application permission to reach another user's mailbox." : "."));
        }
        String grant = delegated
                ? "Consent the Microsoft Graph delegated permission " + permission + " for " + holder
                : "Grant " + holder + " the Microsoft Graph application permission " + permission + " (with admin consent)";
        return new Diagnosis(Category.PERMISSION, "GRAPH_FORBIDDEN", cause, grant + ", then ask again; new tokens "
                + "carry it within a few minutes.");
    }

    /** The request never got an answer, or was refused before leaving. */
    static GraphException transport(GraphCall call, GraphSettings settings, DownstreamException e) {
        String what = call.operation().description() + " (" + call.target() + ")";
        Diagnosis d;
        switch (e.reason()) {
            case BAD_PATH:
                d = new Diagnosis(Category.CALLER, "GRAPH_BAD_PATH", e.getMessage() + ".", "Give a path relative to "
                        + "/v1.0/ such as users/AdeleV@contoso.com/manager: no host, no '..', no encoded dots or slashes.");
                break;
            case PATH_NOT_ALLOWED:
                d = pathNotAllowed(call.target(), settings);
                break;
            case RESPONSE_TOO_LARGE:
                d = new Diagnosis(Category.CALLER, "GRAPH_RESPONSE_TOO_LARGE", "Microsoft Graph's answer to " + what
                        + " was larger than the bridge reads.", "Ask for less: $select fewer properties or a smaller $top.");
                break;
            case TIMEOUT:
                d = new Diagnosis(Category.TRANSIENT, "GRAPH_TIMEOUT", "Microsoft Graph did not answer in time to " + what
                        + ".", "Try again; raise BRIDGE_GRAPH_TIMEOUT_MS (now " + settings.timeout().toMillis()
                        + ") if Graph is slow from this network.");
                break;
            case UNREACHABLE:
                d = new Diagnosis(Category.TRANSIENT, "GRAPH_UNREACHABLE", "Microsoft Graph at " + settings.baseUrl()
                        + " could not be reached to " + what + ": " + clean(e.getMessage(), call.token()) + ".",
                        "Check outbound HTTPS to " + settings.baseUrl() + " (DNS, proxy, firewall) and BRIDGE_GRAPH_BASE_URL; "
                                + "a TLS failure means its certificate is not trusted (BRIDGE_TRUSTED_CA_FILE).");
                break;
            default:
                d = new Diagnosis(Category.BUG, "GRAPH_" + e.reason().name(), "The bridge built a Graph request it may "
                        + "not send: " + e.getMessage() + ".", "Report this with the operation and its input.");
        }
        return new GraphException(d, 0, null, null, null, e);
    }

    static Diagnosis pathNotAllowed(String path, GraphSettings settings) {
        return new Diagnosis(Category.PERMISSION, "GRAPH_PATH_NOT_ALLOWED", "GET " + path + " is outside the Graph paths "
                + "this deployment lets agents read " + (settings.allowedPaths().isEmpty() ? "(none are allowed)"
                : "(" + String.join(", ", settings.allowedPaths()) + " below /v1.0)") + ".", "Use a path below one of "
                + "the allowed prefixes, or have the operator add its prefix to BRIDGE_GRAPH_ALLOWED_PATHS "
                + "(graph.allowedPaths in BRIDGE_CONFIG_FILE).");
    }

    /** Graph answered 2xx with something that is not the JSON it promises. */
    static GraphException invalidResponse(GraphCall call, String problem) {
        return new GraphException(new Diagnosis(Category.CONFIGURATION, "GRAPH_INVALID_RESPONSE", "The answer to "
                + call.operation().description() + " (" + call.target() + ") " + problem + ".", "Check that "
                + "BRIDGE_GRAPH_BASE_URL points at Microsoft Graph; if it does, try again."), 0, null, null, null, null);
    }

    private static JsonNode errorNode(String body) {
        if (body == null || body.isEmpty()) {
            return JSON.missingNode();
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isObject() ? error : JSON.missingNode();
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** One line, at most {@value #MESSAGE_LIMIT} characters, and never the token. */
    static String clean(String message, String token) {
        String m = message == null ? "" : message;
        if (token != null && !token.isEmpty()) {
            m = m.replace(token, "<token>");
        }
        m = m.replaceAll("\\p{Cntrl}+", " ").trim();
        return m.length() > MESSAGE_LIMIT ? m.substring(0, MESSAGE_LIMIT) + "…" : m;
    }

    /** The first value of a response header, by name in any case, or {@code null}. */
    static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    /** Seconds (Graph sometimes sends fractions, e.g. {@code 0.249}) or an HTTP date. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds < 0 || Double.isNaN(seconds) || seconds > 86_400 ? null
                    : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String wait(Duration retryAfter) {
        if (retryAfter == null) {
            return "a few seconds";
        }
        long s = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return s + (s == 1 ? " second" : " seconds");
    }
}
