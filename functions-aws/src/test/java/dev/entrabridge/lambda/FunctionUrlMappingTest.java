package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.endpoint.BridgeRequest;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.RequestRefused;
import dev.entrabridge.inbound.Caller;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionUrlMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mapsAFunctionUrlEventToTheEndpointsRequest() {
        BridgeRequest request = FunctionUrlMapping.request(Events.bytes("function-url/token-request.json"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/token");
        assertThat(request.header("content-type")).contains("application/json");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"agentIdentity\":\"mail-agent\",\"api\":\"graph\"}");
        assertThat(request.remoteAddress()).isEqualTo("203.0.113.10");
        assertThat(request.authenticatedCaller()).contains(
                Caller.awsIam("arn:aws:sts::123456789012:assumed-role/AgentWorkloadRole/n8n-worker"));
    }

    @Test
    void dropsWhatBelongsToTheSigV4CheckAndKeepsEverythingElse() {
        BridgeRequest signed = FunctionUrlMapping.request(Events.bytes("function-url/token-request.json"));
        BridgeRequest presigned = FunctionUrlMapping.request(Events.bytes("function-url/authorization-header-presigned.json"));
        BridgeRequest repeated = FunctionUrlMapping.request(Events.bytes("function-url/repeated-parameter.json"));

        assertThat(signed.headerValues("Authorization")).isEmpty();
        assertThat(signed.header("x-amz-date")).isPresent();
        assertThat(presigned.query()).isEqualTo(Map.of("AgentIdentity", List.of("mail-agent")));
        assertThat(repeated.query().get("AgentIdentity")).containsExactly("mail-agent", "calendar-agent");
    }

    @Test
    void keepsABearerTokenForTheOnBehalfOfRoutes() throws Exception {
        JsonNode event = JSON.readTree(Events.read("function-url/authorization-header-presigned.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("headers")).put("authorization", "Bearer abc.def.ghi");

        BridgeRequest request = FunctionUrlMapping.request(JSON.writeValueAsBytes(event));

        assertThat(request.header("Authorization")).contains("Bearer abc.def.ghi");
    }

    @Test
    void decodesABase64Body() {
        BridgeRequest request = FunctionUrlMapping.request(Events.bytes("function-url/token-request-base64.json"));

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"agentIdentity\":\"mail-agent\",\"api\":\"graph\"}");
    }

    @Test
    void aMissingOrMalformedPrincipalIsNoCaller() throws Exception {
        JsonNode event = JSON.readTree(Events.read("function-url/token-request.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.at("/requestContext/authorizer/iam"))
                .put("userArn", "arn:aws:sts::123456789012:assumed-role/x\ninjected");

        assertThat(FunctionUrlMapping.request(JSON.writeValueAsBytes(event)).authenticatedCaller()).isEmpty();
        assertThat(FunctionUrlMapping.request(Events.bytes("function-url/token-request-unauthenticated.json"))
                .authenticatedCaller()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAFunctionUrlEventOrBadBase64() throws Exception {
        JsonNode event = JSON.readTree(Events.read("function-url/token-request-base64.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("body", "!!!not base64");

        assertThatThrownBy(() -> FunctionUrlMapping.request(JSON.writeValueAsBytes(event)))
                .isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.code()).isEqualTo("BRIDGE_BAD_ENCODING"));
        for (String notAnEvent : List.of("[]", "{\"version\":\"1.0\"}", "{\"version\":\"2.0\",\"rawPath\":\"/\"}", "nope")) {
            assertThatThrownBy(() -> FunctionUrlMapping.request(notAnEvent.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(RequestRefused.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("BRIDGE_MALFORMED_EVENT");
                    });
        }
    }

    @Test
    void rendersThePayload2Response() throws Exception {
        BridgeResponse text = new BridgeResponse(200, Map.of("Content-Type", List.of("application/json"),
                "Vary", List.of("Accept", "Origin")), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        BridgeResponse binary = new BridgeResponse(200, Map.of(), new byte[]{(byte) 0xC3, 0x28});

        JsonNode rendered = JSON.readTree(FunctionUrlMapping.response(text));
        JsonNode encoded = JSON.readTree(FunctionUrlMapping.response(binary));

        assertThat(rendered.get("statusCode").asInt()).isEqualTo(200);
        assertThat(rendered.get("headers").get("Vary").asText()).isEqualTo("Accept,Origin");
        assertThat(rendered.get("body").asText()).isEqualTo("{\"ok\":true}");
        assertThat(rendered.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(encoded.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(encoded.get("body").asText()).isEqualTo("wyg=");
    }
}
