package dev.entrabridge.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BedrockEventTest {

    @Test
    void readsBothFormsWithTheirValuesInOrder() {
        BedrockEvent openApi = BedrockEvent.parse(Events.bytes("bedrock/ok/send-mail.openapi.json"));
        BedrockEvent function = BedrockEvent.parse(Events.bytes("bedrock/vendor/function-details-event.json"));

        assertThat(openApi.style()).isEqualTo(BedrockEvent.Style.OPENAPI);
        assertThat(openApi.apiPath()).isEqualTo("/users/{from}/sendMail");
        assertThat(openApi.httpMethod()).isEqualTo("POST");
        assertThat(openApi.values()).extracting(BedrockEvent.Value::name).containsExactly("from", "to", "subject", "body");
        assertThat(function.style()).isEqualTo(BedrockEvent.Style.FUNCTION_DETAILS);
        assertThat(function.function()).isEqualTo("searchUsers");
        assertThat(function.agentId()).isEqualTo("8ZXY0W8P1H");
        assertThat(function.agentAlias()).contains("TSTALIASID");
        assertThat(function.sessionAttributes().get("team").asText()).isEqualTo("people-ops");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[1,2]",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"function\":\"getUser\"}",
            "{\"agent\":{\"id\":\"../../etc\"},\"actionGroup\":\"g\",\"function\":\"getUser\"}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\",\"alias\":\"x\"},\"actionGroup\":\"g\",\"function\":\"getUser\"}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"actionGroup\":\"g\",\"function\":\"getUser\",\"parameters\":{}}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"actionGroup\":\"g\",\"function\":\"getUser\",\"parameters\":[{\"value\":\"x\"}]}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"actionGroup\":\"g\",\"function\":\"getUser\",\"sessionAttributes\":{\"a\":1}}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"actionGroup\":\"g\",\"function\":\"getUser\",\"function\":\"sendMail\"}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"actionGroup\":\"g\\nx\",\"function\":\"getUser\"}",
            "{\"agent\":{\"id\":\"8ZXY0W8P1H\"},\"actionGroup\":\"g\",\"apiPath\":\"/users\"}"})
    void refusesWhatIsNotAnActionGroupEvent(String event) {
        assertThatThrownBy(() -> BedrockEvent.parse(event.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ActionRefusal.class,
                        e -> assertThat(e.diagnosis().code()).isEqualTo("BEDROCK_MALFORMED_EVENT"));
    }

    @Test
    void refusesAnOversizedEvent() {
        byte[] huge = ("{\"inputText\":\"" + "x".repeat(BedrockEvent.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BedrockEvent.parse(huge)).hasMessageContaining("larger than");
    }

    @Test
    void aMalformedEventIsStillAnsweredInTheFormItLooksLike() {
        BedrockEvent echo = BedrockEvent.echoOf(("{\"actionGroup\":\"MicrosoftGraph\",\"apiPath\":\"/users\","
                + "\"httpMethod\":\"GET\",\"sessionAttributes\":{\"k\":\"v\"}}").getBytes(StandardCharsets.UTF_8));
        BedrockEvent garbage = BedrockEvent.echoOf("%%%".getBytes(StandardCharsets.UTF_8));

        assertThat(echo.style()).isEqualTo(BedrockEvent.Style.OPENAPI);
        assertThat(echo.apiPath()).isEqualTo("/users");
        assertThat(echo.sessionAttributes().get("k").asText()).isEqualTo("v");
        assertThat(garbage.style()).isEqualTo(BedrockEvent.Style.FUNCTION_DETAILS);
        assertThat(garbage.actionGroup()).isNull();
    }
}
