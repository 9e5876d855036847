package dev.entrabridge.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Amazon Bedrock agent's action-group invocation (message version 1.0), in either form: an
 * OpenAPI-schema action group sends {@code apiPath}, {@code httpMethod}, {@code parameters} and a
 * {@code requestBody}; a function-details one sends {@code function} and {@code parameters}. Parsed
 * strictly (duplicate keys, wrong shapes and oversized events refused); {@code inputText} is the user's
 * words and is neither kept nor logged.
 *
 * @param style                   which form the event has, and so which form the reply must have
 * @param agentId                 {@code agent.id}
 * @param agentAlias              {@code agent.alias}, if sent
 * @param actionGroup             echoed in the reply
 * @param apiPath                 OpenAPI form: the operation's path template, echoed
 * @param httpMethod              OpenAPI form: the operation's method, echoed
 * @param function                function-details form: the function's name, echoed
 * @param values                  {@code parameters} and the request body's {@code properties}, in order
 * @param sessionAttributes       passed back unchanged
 * @param promptSessionAttributes passed back unchanged
 */
record BedrockEvent(Style style, String agentId, Optional<String> agentAlias, String actionGroup, String apiPath,
                    String httpMethod, String function, List<Value> values, ObjectNode sessionAttributes,
                    ObjectNode promptSessionAttributes) {

    /** Bedrock's events are a few kilobytes; a mail body is the largest value an action takes. */
    static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Agent and alias ids as Bedrock makes them: ten letters and digits. */
    private static final Pattern BEDROCK_ID = Pattern.compile("[0-9A-Za-z]{10}");
    private static final int MAX_NAME = 256;

    /** The two kinds of action group. */
    enum Style { OPENAPI, FUNCTION_DETAILS }

    /** One {@code {"name","type","value"}} of the event; the value as Bedrock sent it, always text. */
    record Value(String name, String type, String value) { }

    /**
     * Reads an event.
     *
     * @throws ActionRefusal for anything that is not an action-group event; {@link #styleOf} tells
     *                       which form the refusal should still take
     */
    static BedrockEvent parse(byte[] event) {
        JsonNode root = tree(event);
        Style style = styleOf(root);
        JsonNode agent = root.path("agent");
        String agentId = agent.path("id").asText("");
        if (!BEDROCK_ID.matcher(agentId).matches()) {
            throw ActionRefusal.malformedEvent("The event names no Bedrock agent id (agent.id).");
        }
        Optional<String> alias = Optional.ofNullable(agent.path("alias").textValue()).filter(a -> !a.isEmpty());
        if (alias.isPresent() && !BEDROCK_ID.matcher(alias.get()).matches()) {
            throw ActionRefusal.malformedEvent("The event's agent.alias is not a Bedrock alias id.");
        }
        List<Value> values = new ArrayList<>(values(root.path("parameters"), "parameters"));
        if (style == Style.OPENAPI) {
            JsonNode content = root.path("requestBody").path("content");
            if (!content.isMissingNode() && !content.isNull()) {
                if (!content.isObject() || content.size() > 1) {
                    throw ActionRefusal.malformedEvent("The event's requestBody.content must name one content type.");
                }
                content.properties().forEach(e -> values.addAll(values(e.getValue().path("properties"),
                        "requestBody properties")));
            }
        }
        return new BedrockEvent(style, agentId, alias, name(root, "actionGroup", true),
                style == Style.OPENAPI ? name(root, "apiPath", true) : null,
                style == Style.OPENAPI ? name(root, "httpMethod", true) : null,
                style == Style.FUNCTION_DETAILS ? name(root, "function", true) : null,
                List.copyOf(values), attributes(root, "sessionAttributes"), attributes(root, "promptSessionAttributes"));
    }

    /**
     * The form of an event, as far as it can be told: OpenAPI when it names an {@code apiPath}, else
     * function details (also for what cannot be parsed at all).
     */
    static Style styleOf(JsonNode root) {
        return root != null && root.path("apiPath").isTextual() ? Style.OPENAPI : Style.FUNCTION_DETAILS;
    }

    /** The parts of a possibly malformed event a refusal can still echo. */
    static BedrockEvent echoOf(byte[] event) {
        JsonNode root;
        try {
            root = tree(event);
        } catch (ActionRefusal e) {
            root = JsonNodeFactory.instance.objectNode();
        }
        Style style = styleOf(root);
        return new BedrockEvent(style, "", Optional.empty(), safeName(root, "actionGroup"), safeName(root, "apiPath"),
                safeName(root, "httpMethod"), safeName(root, "function"), List.of(), safeAttributes(root, "sessionAttributes"),
                safeAttributes(root, "promptSessionAttributes"));
    }

    private static JsonNode tree(byte[] event) {
        if (event.length > MAX_BYTES) {
            throw ActionRefusal.malformedEvent("The event is larger than " + MAX_BYTES + " bytes.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (IOException e) {
            throw ActionRefusal.malformedEvent("The event is not a JSON document.");
        }
        if (root == null || !root.isObject()) {
            throw ActionRefusal.malformedEvent("The event is not a JSON object.");
        }
        return root;
    }

    private static List<Value> values(JsonNode array, String where) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw ActionRefusal.malformedEvent("The event's " + where + " is not a list.");
        }
        List<Value> out = new ArrayList<>();
        for (JsonNode p : array) {
            JsonNode name = p.path("name");
            JsonNode value = p.path("value");
            if (!name.isTextual() || name.asText().isEmpty() || name.asText().length() > MAX_NAME
                    || !(value.isValueNode() || value.isMissingNode())) {
                throw ActionRefusal.malformedEvent("An entry of the event's " + where + " has no name or no plain value.");
            }
            out.add(new Value(name.asText(), p.path("type").asText(""), value.isNull() ? "" : value.asText("")));
        }
        return out;
    }

    private static String name(JsonNode root, String field, boolean required) {
        JsonNode node = root.path(field);
        if (!node.isTextual() || node.asText().isEmpty()) {
            if (required) {
                throw ActionRefusal.malformedEvent("The event has no " + field + ".");
            }
            return null;
        }
        String value = node.asText();
        if (value.length() > MAX_NAME || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ActionRefusal.malformedEvent("The event's " + field + " is not a name.");
        }
        return value;
    }

    private static ObjectNode attributes(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ActionRefusal.malformedEvent("The event's " + field + " is not an object.");
        }
        for (Map.Entry<String, JsonNode> attribute : node.properties()) {
            if (!attribute.getValue().isTextual()) {
                throw ActionRefusal.malformedEvent("The event's " + field + " hold a value that is not a string.");
            }
        }
        return ((ObjectNode) node).deepCopy();
    }

    private static String safeName(JsonNode root, String field) {
        try {
            return name(root, field, false);
        } catch (ActionRefusal e) {
            return null;
        }
    }

    private static ObjectNode safeAttributes(JsonNode root, String field) {
        try {
            return attributes(root, field);
        } catch (ActionRefusal e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
