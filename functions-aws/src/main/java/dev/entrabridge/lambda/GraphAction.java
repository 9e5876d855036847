package dev.entrabridge.lambda;

import dev.entrabridge.graph.GraphOperations;
import dev.entrabridge.graph.GraphToken;

import java.util.List;
import java.util.Optional;

/**
 * One action of the Microsoft Graph action group: its function name (the OpenAPI operationId too),
 * its OpenAPI method and path, its parameters, and the core Graph operation it runs.
 *
 * @param name       the function-details name and the OpenAPI {@code operationId}
 * @param httpMethod the OpenAPI method, upper case
 * @param apiPath    the OpenAPI path template as Bedrock sends it, e.g. {@code /users/{user}}
 * @param parameters every parameter, in schema order
 * @param operation  what it does with the converted arguments
 */
record GraphAction(String name, String httpMethod, String apiPath, List<ActionParameter> parameters,
                   Operation operation) {

    /** Runs the core operation; returns the JSON text to hand the model. */
    @FunctionalInterface
    interface Operation {
        String run(GraphOperations graph, GraphToken token, ActionArguments arguments);
    }

    GraphAction {
        parameters = List.copyOf(parameters);
    }

    Optional<ActionParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** {@code user, select} for messages. */
    String parameterNames() {
        return String.join(", ", parameters.stream().map(ActionParameter::name).toList());
    }
}
