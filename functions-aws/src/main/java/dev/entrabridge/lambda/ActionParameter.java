package dev.entrabridge.lambda;

import java.util.Objects;

/**
 * One parameter of an action as the handler reads it and both schemas declare it: its name, type,
 * whether the model must give it, and where an OpenAPI request carries it.
 *
 * @param name     the name in the event's {@code parameters} or request body
 * @param type     how its string value is converted
 * @param required whether the action refuses to run without it
 * @param in       where the OpenAPI operation declares it; function details carry every parameter alike
 */
record ActionParameter(String name, ParameterType type, boolean required, In in) {

    /** Where an OpenAPI operation carries a parameter. */
    enum In { PATH, QUERY, BODY }

    ActionParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(in, "in");
        if (in == In.PATH && !required) {
            throw new IllegalArgumentException("a path parameter is always required: " + name);
        }
    }

    static ActionParameter path(String name) {
        return new ActionParameter(name, ParameterType.STRING, true, In.PATH);
    }

    static ActionParameter query(String name, ParameterType type, boolean required) {
        return new ActionParameter(name, type, required, In.QUERY);
    }

    static ActionParameter body(String name, ParameterType type, boolean required) {
        return new ActionParameter(name, type, required, In.BODY);
    }
}
