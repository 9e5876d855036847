package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies have exactly the shape of AWS's documented samples, for both action-group forms. */
class BedrockReplyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOpenApiReplyIsTheDocumentedOne() throws Exception {
        BedrockEvent event = BedrockEvent.parse(Events.bytes("bedrock/vendor/api-schema-event.json"));

        byte[] reply = BedrockReply.render(event, ActionOutcome.ok(
                "{\"displayName\":\"Adele Vance\",\"jobTitle\":\"Product Marketing Manager\"}"));

        assertThat(JSON.readTree(reply)).isEqualTo(JSON.readTree(Events.read("bedrock/vendor/api-schema-response.json")));
    }

    @Test
    void aFunctionDetailsReplyIsTheDocumentedOneWithTheSessionAttributes() throws Exception {
        BedrockEvent event = BedrockEvent.parse(Events.bytes("bedrock/vendor/function-details-event.json"));

        byte[] reply = BedrockReply.render(event, ActionOutcome.ok(
                "[{\"displayName\":\"Adele Vance\",\"userPrincipalName\":\"AdeleV@contoso.example\"}]"));

        assertThat(JSON.readTree(reply)).isEqualTo(
                JSON.readTree(Events.read("bedrock/vendor/function-details-response.json")));
    }

    @Test
    void aRefusalCarriesItsStateOrStatusAndTheSentence() throws Exception {
        Diagnosis forbidden = new Diagnosis(Category.PERMISSION, "GRAPH_FORBIDDEN", "Graph refused.", "Grant Calendars.Read.");
        ActionOutcome outcome = ActionOutcome.refused(forbidden, ActionOutcome.Source.GRAPH);

        JsonNode function = JSON.readTree(BedrockReply.render(
                BedrockEvent.parse(Events.bytes("bedrock/vendor/function-details-event.json")), outcome));
        JsonNode openApi = JSON.readTree(BedrockReply.render(
                BedrockEvent.parse(Events.bytes("bedrock/vendor/api-schema-event.json")), outcome));

        JsonNode functionResponse = function.get("response").get("functionResponse");
        assertThat(functionResponse.get("responseState").asText()).isEqualTo("REPROMPT");
        assertThat(functionResponse.get("responseBody").get("TEXT").get("body").asText())
                .isEqualTo("Graph refused. Grant Calendars.Read. (GRAPH_FORBIDDEN)");
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(openApi.get("response").get("responseBody").get("application/json").get("body").asText()))
                .isEqualTo(JSON.readTree("{\"error\":{\"code\":\"GRAPH_FORBIDDEN\",\"message\":\"Graph refused.\","
                        + "\"remedy\":\"Grant Calendars.Read.\"}}"));
    }
}
