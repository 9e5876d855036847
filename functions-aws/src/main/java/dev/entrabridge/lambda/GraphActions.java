package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.graph.CalendarQuery;
import dev.entrabridge.graph.MailMessage;
import dev.entrabridge.graph.MailSent;
import dev.entrabridge.graph.UserLookup;
import dev.entrabridge.graph.UserSearch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.entrabridge.lambda.ActionParameter.body;
import static dev.entrabridge.lambda.ActionParameter.path;
import static dev.entrabridge.lambda.ActionParameter.query;
import static dev.entrabridge.lambda.ParameterType.ARRAY;
import static dev.entrabridge.lambda.ParameterType.BOOLEAN;
import static dev.entrabridge.lambda.ParameterType.INTEGER;
import static dev.entrabridge.lambda.ParameterType.STRING;

/**
 * The actions of the Microsoft Graph action group, each one of the core's Graph operations. The
 * action-group schemas Bedrock is given ({@code infra/aws/bedrock-openapi.json} and
 * {@code infra/aws/bedrock-functions.json}) describe exactly these; a test fails when they drift apart.
 * Parameter names are the core's, so its refusals ("user … is neither a user principal name nor an
 * object id") name what the model sent.
 */
final class GraphActions {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<GraphAction> ALL = List.of(
            new GraphAction("getUser", "GET", "/users/{user}",
                    List.of(path("user"), query("select", ARRAY, false)),
                    (graph, token, a) -> graph.getUser(token, new UserLookup(a.text("user"), a.list("select"))).json()),
            new GraphAction("searchUsers", "GET", "/users",
                    List.of(query("prefix", STRING, true), query("top", INTEGER, false)),
                    (graph, token, a) -> graph.searchUsers(token, new UserSearch(a.text("prefix"), a.integer("top", 0)))
                            .json()),
            new GraphAction("calendarView", "GET", "/users/{user}/calendarView",
                    List.of(path("user"), query("start", STRING, true), query("end", STRING, true),
                            query("top", INTEGER, false)),
                    (graph, token, a) -> graph.calendarView(token, CalendarQuery.parse(a.text("user"), a.text("start"),
                            a.text("end")).withTop(a.integer("top", 0))).json()),
            new GraphAction("sendMail", "POST", "/users/{from}/sendMail",
                    List.of(path("from"), body("to", ARRAY, true), body("subject", STRING, true),
                            body("body", STRING, false), body("html", BOOLEAN, false)),
                    (graph, token, a) -> sent(graph.sendMail(token, new MailMessage(a.text("from"), a.list("to"),
                            a.text("subject"), a.textOrNull("body"), a.bool("html", false), true)))),
            new GraphAction("getResource", "GET", "/resources",
                    List.of(query("path", STRING, true)),
                    (graph, token, a) -> graph.get(token, a.text("path")).json()));

    private GraphActions() {
    }

    /** The action a function-details event names. */
    static Optional<GraphAction> byFunction(String function) {
        return ALL.stream().filter(a -> a.name().equals(function)).findFirst();
    }

    /** The action an OpenAPI event names by method and path template. */
    static Optional<GraphAction> byApi(String httpMethod, String apiPath) {
        String method = httpMethod == null ? "" : httpMethod.toUpperCase(Locale.ROOT);
        return ALL.stream().filter(a -> a.httpMethod().equals(method) && a.apiPath().equals(apiPath)).findFirst();
    }

    static String functionNames() {
        return String.join(", ", ALL.stream().map(GraphAction::name).toList());
    }

    static String apiOperations() {
        return String.join(", ", ALL.stream().map(a -> a.httpMethod() + " " + a.apiPath()).toList());
    }

    private static String sent(MailSent sent) {
        ObjectNode node = JSON.createObjectNode().put("status", "accepted for delivery").put("from", sent.from());
        sent.to().forEach(node.putArray("to")::add);
        return node.toString();
    }
}
