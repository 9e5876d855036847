package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the actions the handler serves ({@link GraphActions}) with what the two action-group
 * schemas declare, and lists every disagreement in words: an operation one side lacks, its method or
 * path, a parameter one side lacks, its type, its required flag, or where OpenAPI carries it.
 */
final class SchemaComparison {

    private record Declared(String type, boolean required, ActionParameter.In in) { }

    private SchemaComparison() {
    }

    /** Disagreements between the handler and the OpenAPI document. */
    static List<String> withOpenApi(List<GraphAction> actions, JsonNode openApi) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        Map<String, String> routes = new LinkedHashMap<>();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String id = method.getValue().path("operationId").asText("");
            if (operations.put(id, method.getValue()) != null) {
                problems.add("OpenAPI: operationId " + id + " appears twice");
            }
            routes.put(id, method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
        }));
        compareNames("OpenAPI", actions, operations.keySet(), problems);
        for (GraphAction action : actions) {
            JsonNode operation = operations.get(action.name());
            if (operation == null) {
                continue;
            }
            String route = action.httpMethod() + " " + action.apiPath();
            if (!route.equals(routes.get(action.name()))) {
                problems.add("OpenAPI: " + action.name() + " is " + routes.get(action.name()) + ", the handler serves " + route);
            }
            compareParameters("OpenAPI " + action.name(), action, openApiParameters(operation), true, problems);
        }
        return problems;
    }

    /** Disagreements between the handler and the function-details schema. */
    static List<String> withFunctions(List<GraphAction> actions, JsonNode functionSchema) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        for (JsonNode f : functionSchema.path("functions")) {
            if (functions.put(f.path("name").asText(""), f) != null) {
                problems.add("functions: " + f.path("name").asText() + " appears twice");
            }
        }
        compareNames("functions", actions, functions.keySet(), problems);
        for (GraphAction action : actions) {
            JsonNode function = functions.get(action.name());
            if (function == null) {
                continue;
            }
            Map<String, Declared> declared = new LinkedHashMap<>();
            function.path("parameters").properties().forEach(p -> {
                JsonNode required = p.getValue().path("required");
                if (!required.isBoolean()) {
                    problems.add("functions " + action.name() + ": " + p.getKey() + " must say required true or false");
                }
                declared.put(p.getKey(), new Declared(p.getValue().path("type").asText(""), required.asBoolean(false), null));
            });
            compareParameters("functions " + action.name(), action, declared, false, problems);
        }
        return problems;
    }

    private static Map<String, Declared> openApiParameters(JsonNode operation) {
        Map<String, Declared> declared = new LinkedHashMap<>();
        for (JsonNode p : operation.path("parameters")) {
            ActionParameter.In in = ActionParameter.In.valueOf(p.path("in").asText("").toUpperCase(java.util.Locale.ROOT));
            declared.put(p.path("name").asText(), new Declared(p.path("schema").path("type").asText(""),
                    p.path("required").asBoolean(false), in));
        }
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").properties().forEach(p -> declared.put(p.getKey(),
                new Declared(p.getValue().path("type").asText(""), required.contains(p.getKey()), ActionParameter.In.BODY)));
        return declared;
    }

    private static void compareNames(String side, List<GraphAction> actions, Set<String> declared, List<String> problems) {
        Set<String> served = new TreeSet<>();
        actions.forEach(a -> served.add(a.name()));
        for (String name : served) {
            if (!declared.contains(name)) {
                problems.add(side + ": no operation " + name + ", which the handler serves");
            }
        }
        for (String name : declared) {
            if (!served.contains(name)) {
                problems.add(side + ": declares " + name + ", which the handler does not serve");
            }
        }
    }

    private static void compareParameters(String where, GraphAction action, Map<String, Declared> declared,
                                          boolean withLocation, List<String> problems) {
        for (ActionParameter p : action.parameters()) {
            Declared d = declared.get(p.name());
            if (d == null) {
                problems.add(where + ": no parameter " + p.name() + ", which the handler reads");
                continue;
            }
            if (!d.type().equals(p.type().schemaName())) {
                problems.add(where + ": " + p.name() + " is " + d.type() + ", the handler converts it as "
                        + p.type().schemaName());
            }
            if (d.required() != p.required()) {
                problems.add(where + ": " + p.name() + " is " + (d.required() ? "required" : "optional")
                        + ", the handler has it " + (p.required() ? "required" : "optional"));
            }
            if (withLocation && d.in() != p.in()) {
                problems.add(where + ": " + p.name() + " is in " + d.in() + ", the handler expects it in " + p.in());
            }
        }
        for (String name : declared.keySet()) {
            if (action.parameter(name).isEmpty()) {
                problems.add(where + ": declares " + name + ", which the handler refuses as unknown");
            }
        }
    }
}
