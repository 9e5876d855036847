package dev.entrabridge.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one invocation, converted by the action's declared types: every required parameter is
 * present, no undeclared or repeated one was given. Built by {@link #bind}; the accessors then only read.
 */
final class ActionArguments {

    private final Map<String, Object> values;

    private ActionArguments(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Checks and converts what the event gave for {@code action}. Blank values count as absent, as a
     * model sends them for parameters it has nothing for.
     *
     * @param given the event's parameters and request-body properties, in order
     * @throws ActionRefusal for a missing, unknown, repeated or ill-typed parameter
     */
    static ActionArguments bind(GraphAction action, List<BedrockEvent.Value> given) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (BedrockEvent.Value value : given) {
            if (action.parameter(value.name()).isEmpty()) {
                throw ActionRefusal.unknownParameter("The parameter " + ActionRefusal.quoted(value.name()) + " is not one "
                        + action.name() + " takes.", "Call " + action.name() + " with only these parameters: "
                        + action.parameterNames() + ".");
            }
            if (raw.containsKey(value.name())) {
                throw ActionRefusal.invalidParameter("The parameter " + value.name() + " of " + action.name()
                        + " is given more than once.", "Give each parameter once.");
            }
            raw.put(value.name(), value.value());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ActionParameter p : action.parameters()) {
            String text = raw.get(p.name());
            if (text == null || text.isBlank()) {
                if (p.required()) {
                    throw ActionRefusal.missingParameter(action.name() + " needs the parameter " + p.name() + " ("
                            + p.type().schemaName() + "), which was not given.", "Ask the user for " + p.name()
                            + " or find it with another action, then call " + action.name() + " again with it.");
                }
                continue;
            }
            values.put(p.name(), p.type().convert(action.name(), p.name(), text));
        }
        return new ActionArguments(values);
    }

    /** A string the action declares as required (so {@link #bind} made sure it is there). */
    String text(String name) {
        return (String) Objects.requireNonNull(values.get(name), name);
    }

    /** An optional string, or {@code null}. */
    String textOrNull(String name) {
        return (String) values.get(name);
    }

    int integer(String name, int absent) {
        Object v = values.get(name);
        return v == null ? absent : (Integer) v;
    }

    boolean bool(String name, boolean absent) {
        Object v = values.get(name);
        return v == null ? absent : (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }
}
