package dev.entrabridge.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.downstream.DownstreamRequest;
import dev.entrabridge.downstream.DownstreamResponse;
import dev.entrabridge.downstream.RelativePath;
import dev.entrabridge.graph.GraphOperation.Permission;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Microsoft Graph operations for agents — read a user, search users, a calendar view, send mail,
 * a GET below configured path prefixes — with the agent's token from a {@link GraphToken}. Records
 * in, records out; every refusal is a {@link GraphException} carrying a diagnosis. Build one per
 * process from the runtime's outbound {@link HttpClient} and {@link GraphSettings}.
 */
public final class GraphOperations {

    /** What a calendar view returns of each event. */
    public static final List<String> EVENT_FIELDS = List.of("subject", "start", "end", "location");
    private static final System.Logger LOG = System.getLogger(GraphOperations.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WHOLE_VERSION = List.of(GraphCalls.VERSION);
    /** RFC 6750 {@code b64token}: anything else cannot be a bearer token and must not reach a header. */
    private static final Pattern BEARER = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final GraphSettings settings;
    private final Clock clock;
    private final GraphCalls calls;
    private final PageCollector pages;
    private final List<String> allowedPrefixes;

    /** @param http the runtime's outbound client; it must not follow redirects ({@link HttpClient.Redirect#NEVER}) */
    public GraphOperations(HttpClient http, GraphSettings settings, Clock clock) {
        Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the Graph HttpClient must not follow redirects (use Redirect.NEVER): "
                    + "a redirect would carry the agent's token elsewhere");
        }
        this.calls = new GraphCalls(http, settings, clock);
        this.pages = new PageCollector(calls, settings);
        this.allowedPrefixes = settings.allowedPaths().stream().map(p -> GraphCalls.VERSION + p).toList();
    }

    public GraphSettings settings() {
        return settings;
    }

    /** {@code GET /v1.0/users/{user}?$select=…}; needs User.Read.All (application) or User.ReadBasic.All (delegated). */
    public GraphResult getUser(GraphToken token, UserLookup lookup) {
        String path = new GraphQuery(GraphCalls.VERSION + "/users/" + UserRef.pathSegment(lookup.user()))
                .param("$select", String.join(",", lookup.select())).toString();
        return run(GraphOperation.GET_USER, "user " + lookup.user(), GraphOperation.GET_USER.permission(), token,
                call -> pages.read(call, path, WHOLE_VERSION, 1));
    }

    /**
     * Users whose display name or mail starts with the prefix:
     * {@code $filter=startswith(displayName,'…') or startswith(mail,'…')}, which Graph answers without
     * advanced query parameters. Needs User.Read.All (application) or User.ReadBasic.All (delegated).
     */
    public GraphResult searchUsers(GraphToken token, UserSearch search) {
        int top = top(search.top());
        String literal = GraphQuery.literal(search.prefix());
        String path = new GraphQuery(GraphCalls.VERSION + "/users")
                .param("$filter", "startswith(displayName," + literal + ") or startswith(mail," + literal + ")")
                .param("$select", String.join(",", UserLookup.DEFAULT_FIELDS))
                .param("$top", Integer.toString(top)).toString();
        return run(GraphOperation.SEARCH_USERS, "users starting with '" + search.prefix() + "'",
                GraphOperation.SEARCH_USERS.permission(), token, call -> pages.read(call, path, WHOLE_VERSION, top));
    }

    /** {@code GET /v1.0/users/{user}/calendarView?startDateTime=…&endDateTime=…}, earliest first; needs Calendars.Read. */
    public GraphResult calendarView(GraphToken token, CalendarQuery query) {
        int top = top(query.top());
        String path = new GraphQuery(GraphCalls.VERSION + "/users/" + UserRef.pathSegment(query.user()) + "/calendarView")
                .param("startDateTime", query.start().toString()).param("endDateTime", query.end().toString())
                .param("$select", String.join(",", EVENT_FIELDS)).param("$orderby", "start/dateTime")
                .param("$top", Integer.toString(top)).toString();
        return run(GraphOperation.CALENDAR_VIEW, "user " + query.user(), GraphOperation.CALENDAR_VIEW.permission(),
                token, call -> pages.read(call, path, WHOLE_VERSION, top));
    }

    /**
     * {@code POST /v1.0/users/{from}/sendMail} (Graph answers 202); needs Mail.Send. Refused before
     * any token is asked for or request sent unless {@code BRIDGE_GRAPH_SEND_MAIL=true}.
     */
    public MailSent sendMail(GraphToken token, MailMessage message) {
        if (!settings.sendMailEnabled()) {
            throw refusedBeforeCalling(GraphOperation.SEND_MAIL, new Diagnosis(Category.PERMISSION,
                    "GRAPH_SEND_MAIL_DISABLED", "Sending mail is turned off in this deployment.", "Have the operator set "
                    + "BRIDGE_GRAPH_SEND_MAIL=true (graph.sendMail in BRIDGE_CONFIG_FILE) to let agents send mail, and "
                    + "grant the agent identity the Microsoft Graph application permission Mail.Send."));
        }
        String path = GraphCalls.VERSION + "/users/" + UserRef.pathSegment(message.from()) + "/sendMail";
        String body = sendMailBody(message);
        return run(GraphOperation.SEND_MAIL, "mailbox " + message.from(), GraphOperation.SEND_MAIL.permission(), token,
                call -> {
                    DownstreamResponse r = calls.send(call, DownstreamRequest.json("POST", path, body), List.of(path));
                    return new MailSent(message.from(), message.to(),
                            Optional.ofNullable(GraphFailures.header(r.headers(), "request-id")));
                });
    }

    /**
     * A GET of {@code path} below {@code /v1.0/} (a leading {@code /v1.0} may be included), only
     * when it lies below one of {@code BRIDGE_GRAPH_ALLOWED_PATHS}; its query is passed as given.
     * Checked with the downstream path rules (no traversal, no encoded dots or slashes, no host).
     */
    public GraphResult get(GraphToken token, String path) {
        String raw = InvalidInput.required(path, "path", "users/AdeleV@contoso.com/manager");
        RelativePath checked;
        try {
            RelativePath given = RelativePath.parse(raw);
            String lower = given.path().toLowerCase(Locale.ROOT);
            if (lower.equals("/beta") || lower.startsWith("/beta/")) {
                throw InvalidInput.of("path", "names Graph's beta version", "Give a path below /v1.0/; beta is not reachable.");
            }
            checked = lower.startsWith(GraphCalls.VERSION + "/") ? given : RelativePath.parse(GraphCalls.VERSION + given);
        } catch (DownstreamException e) {
            throw refusedBeforeCalling(GraphOperation.GET, new Diagnosis(Category.CALLER, "GRAPH_BAD_PATH",
                    e.getMessage() + ".", "Give a path relative to /v1.0/ such as users/AdeleV@contoso.com/manager: "
                    + "no host, no '..', no encoded dots or slashes."));
        }
        if (!checked.isWithin(allowedPrefixes)) {
            throw refusedBeforeCalling(GraphOperation.GET, GraphFailures.pathNotAllowed(checked.path(), settings));
        }
        Permission permission = GraphPermissions.forPath(checked.path().substring(GraphCalls.VERSION.length()))
                .orElse(null);
        return run(GraphOperation.GET, checked.path(), permission, token,
                call -> pages.read(call, checked.toString(), allowedPrefixes, settings.maxResults()));
    }

    private <T> T run(GraphOperation operation, String target, Permission permission, GraphToken token,
                      Function<GraphCall, T> body) {
        Instant started = clock.instant();
        GraphCall call = new GraphCall(operation, target, permission, bearer(token, operation),
                started.plus(settings.timeout()));
        try {
            T result = body.apply(call);
            LOG.log(Level.INFO, "event=graph_operation operation={0} outcome=ok{1} clientRequestId={2} durationMs={3}",
                    operation.logName(), result instanceof GraphResult ? " items=" + ((GraphResult) result).count()
                            + " truncated=" + ((GraphResult) result).truncated() : "",
                    call.clientRequestId(), Duration.between(started, clock.instant()).toMillis());
            return result;
        } catch (GraphException e) {
            LOG.log(Level.WARNING, "event=graph_operation operation={0} outcome=refused code={1} graphStatus={2} "
                            + "graphCode={3} requestId={4} clientRequestId={5}", operation.logName(), e.diagnosis().code(),
                    e.graphStatus().isPresent() ? e.graphStatus().getAsInt() : "-", e.graphErrorCode().orElse("-"),
                    e.requestId().orElse("-"), call.clientRequestId());
            throw e;
        }
    }

    private static String bearer(GraphToken token, GraphOperation operation) {
        String value = Objects.requireNonNull(token, "token").accessToken();
        if (value == null || !BEARER.matcher(value).matches()) {
            throw new GraphException(new Diagnosis(Category.BUG, "GRAPH_NO_TOKEN", "The Graph token supplier for "
                    + operation.logName() + " returned no usable bearer token.", "Supply the access token of the "
                    + "agent's AgentToken, as issued for Microsoft Graph."));
        }
        return value;
    }

    private GraphException refusedBeforeCalling(GraphOperation operation, Diagnosis diagnosis) {
        LOG.log(Level.INFO, "event=graph_operation operation={0} outcome=refused code={1} graphStatus=-",
                operation.logName(), diagnosis.code());
        return new GraphException(diagnosis);
    }

    private int top(int requested) {
        return requested == 0 ? settings.maxResults() : Math.min(requested, settings.maxResults());
    }

    private static String sendMailBody(MailMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("subject", m.subject());
        message.putObject("body").put("contentType", m.html() ? "HTML" : "Text").put("content", m.body());
        ArrayNode to = message.putArray("toRecipients");
        m.to().forEach(address -> to.addObject().putObject("emailAddress").put("address", address));
        root.put("saveToSentItems", m.saveToSentItems());
        return root.toString();
    }
}
