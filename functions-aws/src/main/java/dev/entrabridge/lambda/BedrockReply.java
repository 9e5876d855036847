package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Puts an outcome in the form Bedrock expects back: for an OpenAPI action group the echoed
 * {@code actionGroup}, {@code apiPath} and {@code httpMethod}, the {@code httpStatusCode} and an
 * {@code application/json} body; for function details the echoed {@code actionGroup} and
 * {@code function}, the {@code responseState} of a refusal and a {@code TEXT} body. Session and
 * prompt session attributes go back unchanged.
 */
final class BedrockReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BedrockReply() {
    }

    static byte[] render(BedrockEvent event, ActionOutcome outcome) {
        ObjectNode root = JSON.createObjectNode().put("messageVersion", "1.0");
        ObjectNode response = root.putObject("response").put("actionGroup", event.actionGroup());
        if (event.style() == BedrockEvent.Style.OPENAPI) {
            response.put("apiPath", event.apiPath()).put("httpMethod", event.httpMethod())
                    .put("httpStatusCode", outcome.httpStatus());
            response.putObject("responseBody").putObject("application/json").put("body", openApiBody(outcome));
        } else {
            response.put("function", event.function());
            ObjectNode functionResponse = response.putObject("functionResponse");
            outcome.state().ifPresent(s -> functionResponse.put("responseState", s.name()));
            functionResponse.putObject("responseBody").putObject("TEXT")
                    .put("body", outcome.json() != null ? outcome.json() : outcome.sentence());
        }
        root.set("sessionAttributes", event.sessionAttributes());
        root.set("promptSessionAttributes", event.promptSessionAttributes());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String openApiBody(ActionOutcome outcome) {
        if (outcome.json() != null) {
            return outcome.json();
        }
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", outcome.diagnosis().code()).put("message", outcome.diagnosis().cause())
                .put("remedy", outcome.diagnosis().remedy());
        return error.toString();
    }
}
