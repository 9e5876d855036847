package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.BedrockAgent;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.graph.GraphOperations;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.token.AgentTokenRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of the action group's checks and its audit trail, without a cloud: the Bedrock agent's
 * mapping comes before its input, a refusal before any token request leaves exactly one audit line and
 * never asks the core, and an unexpected failure becomes a sentence without a trace of the exception.
 */
class BedrockActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "{\"rules\":[{\"name\":\"hr\",\"caller\":{\"kind\":\"bedrock-agent\","
            + "\"agentId\":\"8ZXY0W8P1H\"},\"agents\":[\"mail-agent\"],\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}";

    private final List<String> audit = new ArrayList<>();
    private final List<AgentTokenRequest> asked = new ArrayList<>();
    private RuntimeException coreFailure = new IllegalStateException("secret detail of the core");

    @Test
    void anUnmappedAgentIsRefusedBeforeItsInputIsLookedAt() throws Exception {
        String event = Events.read("bedrock/refused/unmapped-agent.function.json").replace("\"value\": \"alice@contoso.onmicrosoft.com\"",
                "\"value\": \"\"");

        JsonNode reply = handle(event);

        assertThat(BedrockActionGroupIT.state(reply)).isEqualTo("FAILURE");
        assertThat(BedrockActionGroupIT.text(reply)).contains("BRIDGE_BEDROCK_AGENT_UNMAPPED");
        assertThat(asked).isEmpty();
        assertThat(audit).singleElement().asString().contains("\"outcome\":\"refused\"", "BRIDGE_BEDROCK_AGENT_UNMAPPED");
    }

    @Test
    void aRefusalOfTheInputIsAuditedOnceAndAsksTheCoreNothing() throws Exception {
        JsonNode reply = handle(Events.read("bedrock/refused/wrong-type.function.json"));

        assertThat(BedrockActionGroupIT.state(reply)).isEqualTo("REPROMPT");
        assertThat(asked).isEmpty();
        assertThat(audit).singleElement().asString().contains("\"outcome\":\"refused\"", "BEDROCK_INVALID_PARAMETER",
                "\"agentId\":\"8ZXY0W8P1H\"");
    }

    @Test
    void mailTurnedOffIsRefusedBeforeAnyToken() throws Exception {
        JsonNode reply = handle(Events.read("bedrock/ok/send-mail.function.json"));

        assertThat(BedrockActionGroupIT.state(reply)).isEqualTo("REPROMPT");
        assertThat(BedrockActionGroupIT.text(reply)).contains("BRIDGE_GRAPH_SEND_MAIL=true");
        assertThat(asked).isEmpty();
        assertThat(audit).singleElement().asString().contains("GRAPH_SEND_MAIL_DISABLED");
    }

    @Test
    void aMalformedEventIsAnsweredAndAudited() throws Exception {
        JsonNode reply = handle("{\"actionGroup\":\"MicrosoftGraph\",\"apiPath\":\"/users\"}");

        assertThat(reply.get("response").get("httpStatusCode").asInt()).isEqualTo(502);
        assertThat(reply.get("response").get("apiPath").asText()).isEqualTo("/users");
        assertThat(audit).singleElement().asString().contains("BEDROCK_MALFORMED_EVENT");
    }

    @Test
    void anUnexpectedFailureIsASentenceWithoutTheException() throws Exception {
        JsonNode reply = handle(Events.read("bedrock/ok/get-user.function.json"));

        assertThat(asked).hasSize(1);
        assertThat(BedrockActionGroupIT.state(reply)).isEqualTo("FAILURE");
        assertThat(BedrockActionGroupIT.text(reply)).contains("BRIDGE_INTERNAL_ERROR")
                .doesNotContain("secret detail", "IllegalStateException", "at dev.");
    }

    private JsonNode handle(String event) throws Exception {
        AgentDefinition mail = new AgentDefinition("mail-agent", "a9e17001-0000-4000-8000-0000000a9e17", Optional.empty())
                .withBedrockAgents(List.of(BedrockAgent.anyAlias("8ZXY0W8P1H")));
        DownstreamApi graphApi = new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                List.of("https://graph.microsoft.com/.default"), List.of());
        TokenIssuance issuer = TokenIssuance.builder().tokens(request -> {
                    asked.add(request);
                    throw coreFailure;
                }).policy(CallerPolicy.fromJson(POLICY)).agents(List.of(mail)).apis(List.of(graphApi))
                .audit(new AuditLog(audit::add, Clock.systemUTC())).build();
        GraphOperations graph = new GraphOperations(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                GraphSettings.defaultsFor(List.of(graphApi)), Clock.systemUTC());
        BedrockActions actions = new BedrockActions(issuer, graph, Clock.systemUTC());
        return JSON.readTree(actions.handle(event.getBytes(StandardCharsets.UTF_8), "c0ffee00-0000-4000-8000-000000000001"));
    }
}
