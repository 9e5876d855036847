package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.graph.SentMail;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bedrock action-group handler in one execution environment under the real runtime interface
 * client, with the emulated STS, Entra and Graph behind it: every action in both event forms returns
 * Graph's data in the documented reply shape, and each kind of refusal takes the form and words the
 * model can act on.
 */
class BedrockActionGroupIT {

    static final String HANDLER = "dev.entrabridge.lambda.BedrockActionGroupHandler::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The handler's JVM runs on the system clock, so the emulators do too. */
    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.demoPeople().clock(Clock.systemUTC()));

    private static LambdaUnderTest lambda;

    @BeforeAll
    static void start() {
        WORLD.bridge().seedExampleCalendar();
        lambda = LambdaUnderTest.start(HANDLER, WORLD.bridge().bedrockEnvironment());
    }

    @AfterAll
    static void stop() {
        lambda.assertLoggedNoSecret();
        lambda.close();
    }

    // ---- every action, both forms ----------------------------------------------------------------

    @Test
    void getUserInTheOpenApiForm() {
        JsonNode reply = lambda.answer(Events.read("bedrock/ok/get-user.openapi.json"));

        JsonNode response = reply.get("response");
        assertThat(reply.get("messageVersion").asText()).isEqualTo("1.0");
        assertThat(response.get("actionGroup").asText()).isEqualTo("MicrosoftGraph");
        assertThat(response.get("apiPath").asText()).isEqualTo("/users/{user}");
        assertThat(response.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(response.get("httpStatusCode").asInt()).isEqualTo(200);
        JsonNode user = body(reply);
        assertThat(user.get("displayName").asText()).isEqualTo("Alice Demo");
        assertThat(user.get("jobTitle").asText()).isEqualTo("Product Manager");
        assertThat(user.get("userPrincipalName").asText()).isEqualTo(EmulatedCloud.USER_UPN);
        assertThat(reply.get("sessionAttributes").isObject()).isTrue();
        assertThat(reply.get("promptSessionAttributes").isObject()).isTrue();
    }

    @Test
    void getUserInTheFunctionForm() {
        JsonNode reply = lambda.answer(Events.read("bedrock/ok/get-user.function.json"));

        JsonNode response = reply.get("response");
        assertThat(response.get("actionGroup").asText()).isEqualTo("MicrosoftGraphFunctions");
        assertThat(response.get("function").asText()).isEqualTo("getUser");
        assertThat(response.get("functionResponse").has("responseState")).isFalse();
        JsonNode user = body(reply);
        assertThat(user.get("displayName").asText()).isEqualTo("Alice Demo");
        assertThat(user.get("jobTitle").asText()).isEqualTo("Product Manager");
        assertThat(user.has("mail")).as("only the selected properties").isFalse();
    }

    @Test
    void searchUsersInBothFormsPassingSessionAttributesThrough() {
        JsonNode openApi = lambda.answer(Events.read("bedrock/ok/search-users.openapi.json"));
        JsonNode function = lambda.answer(Events.read("bedrock/ok/search-users.function.json"));

        assertThat(names(body(openApi))).containsExactly("Bob Example");
        assertThat(body(openApi).get("truncated").asBoolean()).isFalse();
        assertThat(names(body(function))).containsExactly("Alice Demo");
        assertThat(function.get("sessionAttributes").get("team").asText()).isEqualTo("people-ops");
        assertThat(function.get("response").get("function").asText()).isEqualTo("searchUsers");
    }

    @Test
    void calendarViewInBothForms() {
        JsonNode wholeDay = body(lambda.answer(Events.read("bedrock/ok/calendar-view.openapi.json")));
        JsonNode morning = body(lambda.answer(Events.read("bedrock/ok/calendar-view.function.json")));

        assertThat(subjects(wholeDay)).containsExactly("Design review", "Customer call");
        assertThat(wholeDay.get("value").get(0).get("location").toString()).contains("Room 2");
        assertThat(subjects(morning)).containsExactly("Design review");
    }

    @Test
    void sendMailInBothFormsReachesGraph() {
        JsonNode openApi = lambda.answer(Events.read("bedrock/ok/send-mail.openapi.json"));
        JsonNode function = lambda.answer(Events.read("bedrock/ok/send-mail.function.json"));

        assertThat(body(openApi).get("status").asText()).isEqualTo("accepted for delivery");
        assertThat(body(function).get("to").get(0).asText()).isEqualTo("bob@" + EmulatedCloud.TENANT_DOMAIN);
        List<SentMail> sent = WORLD.cloud().graph().sentMail();
        assertThat(sent).extracting(SentMail::subject).contains("Design review moved", "Customer call notes");
        SentMail notes = sent.stream().filter(m -> m.subject().equals("Customer call notes")).findFirst().orElseThrow();
        assertThat(notes.contentType()).isEqualToIgnoringCase("HTML");
        assertThat(notes.toRecipients()).containsExactly("bob@" + EmulatedCloud.TENANT_DOMAIN);
    }

    @Test
    void getResourceInBothForms() {
        JsonNode bob = body(lambda.answer(Events.read("bedrock/ok/get-resource.openapi.json")));
        JsonNode found = body(lambda.answer(Events.read("bedrock/ok/get-resource.function.json")));

        assertThat(bob.get("displayName").asText()).isEqualTo("Bob Example");
        assertThat(bob.get("jobTitle").asText()).isEqualTo("Engineer");
        assertThat(names(found)).containsExactly("Alice Demo");
    }

    @Test
    void eachInvocationIsAuditedAsTheMappedAgent() {
        lambda.answer(Events.read("bedrock/ok/get-user.openapi.json"));

        String audit = lambda.runtime().awaitOutput(line -> line.contains("\"event\":\"agent_token\"")
                && line.contains("\"outcome\":\"issued\""), LambdaUnderTest.WAIT).text();
        assertThat(audit).contains("\"kind\":\"BEDROCK_AGENT\"", "\"agentId\":\"8ZXY0W8P1H\"",
                "\"agentAliasId\":\"TSTALIASID\"", "\"agent\":\"mail-agent\"", "\"api\":\"graph\"");
    }

    // ---- refusals ---------------------------------------------------------------------------------

    @Test
    void anUnmappedAgentFailsTheSessionNamingTheVariableToSet() {
        JsonNode reply = lambda.answer(Events.read("bedrock/refused/unmapped-agent.function.json"));

        assertThat(state(reply)).isEqualTo("FAILURE");
        assertThat(text(reply)).contains("UNMAPPED01", "BRIDGE_BEDROCK_AGENTS", "BRIDGE_BEDROCK_AGENT_UNMAPPED");
    }

    @Test
    void aMissingParameterAsksTheModelAgain() {
        JsonNode function = lambda.answer(Events.read("bedrock/refused/missing-parameter.function.json"));
        JsonNode openApi = lambda.answer(Events.read("bedrock/refused/missing-parameter.openapi.json"));

        assertThat(state(function)).isEqualTo("REPROMPT");
        assertThat(text(function)).startsWith("getUser needs the parameter user (string), which was not given.")
                .contains("BEDROCK_MISSING_PARAMETER");
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(400);
        JsonNode error = body(openApi).get("error");
        assertThat(error.get("code").asText()).isEqualTo("BEDROCK_MISSING_PARAMETER");
        assertThat(error.get("message").asText()).isEqualTo("calendarView needs the parameter end (string), which was not given.");
        assertThat(error.get("remedy").asText()).contains("call calendarView again");
    }

    @Test
    void aValueOfTheWrongTypeAsksTheModelAgain() {
        JsonNode function = lambda.answer(Events.read("bedrock/refused/wrong-type.function.json"));
        JsonNode openApi = lambda.answer(Events.read("bedrock/refused/wrong-type.openapi.json"));

        assertThat(state(function)).isEqualTo("REPROMPT");
        assertThat(text(function)).contains("The parameter top of searchUsers must be a whole number such as 5, not 'five'.");
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(body(openApi).get("error").get("message").asText())
                .isEqualTo("The parameter html of sendMail must be true or false, not 'maybe'.");
        assertThat(WORLD.cloud().graph().sentMail()).noneMatch(m -> m.subject().equals("Hi"));
    }

    @Test
    void anUnknownFunctionOrOperationListsWhatExists() {
        JsonNode function = lambda.answer(Events.read("bedrock/refused/unknown-function.function.json"));
        JsonNode openApi = lambda.answer(Events.read("bedrock/refused/unknown-path.openapi.json"));

        assertThat(state(function)).isEqualTo("REPROMPT");
        assertThat(text(function)).contains("no function 'deleteUser'", "getUser, searchUsers, calendarView, sendMail, getResource");
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(404);
        assertThat(openApi.get("response").get("apiPath").asText()).isEqualTo("/users/{user}");
        assertThat(openApi.get("response").get("httpMethod").asText()).isEqualTo("DELETE");
        assertThat(body(openApi).get("error").get("code").asText()).isEqualTo("BEDROCK_UNKNOWN_ACTION");
    }

    @Test
    void graphsRefusalNamesTheMissingPermission() {
        JsonNode function = lambda.answer(Events.read("bedrock/refused/calendar-forbidden.function.json"));
        JsonNode openApi = lambda.answer(Events.read("bedrock/refused/calendar-forbidden.openapi.json"));

        assertThat(state(function)).isEqualTo("REPROMPT");
        assertThat(text(function)).contains("Calendars.Read", "GRAPH_FORBIDDEN", EmulatedCloud.CALENDAR_AGENT_APP_ID);
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(403);
        assertThat(body(openApi).get("error").get("remedy").asText()).contains("application permission Calendars.Read");
    }

    @Test
    void noReplyCarriesATokenOrAStackTrace() {
        for (String event : List.of("bedrock/ok/get-user.openapi.json", "bedrock/refused/calendar-forbidden.function.json",
                "bedrock/refused/unmapped-agent.function.json")) {
            String reply = lambda.answer(Events.read(event)).toString();

            assertThat(reply).doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}\\.").doesNotContain("\tat ", "Exception");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The reply's body as JSON, from either form. */
    static JsonNode body(JsonNode reply) {
        JsonNode response = reply.get("response");
        String text = response.has("functionResponse")
                ? response.get("functionResponse").get("responseBody").get("TEXT").get("body").asText()
                : response.get("responseBody").get("application/json").get("body").asText();
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON: " + text, e);
        }
    }

    static String text(JsonNode reply) {
        return reply.get("response").get("functionResponse").get("responseBody").get("TEXT").get("body").asText();
    }

    static String state(JsonNode reply) {
        return reply.get("response").get("functionResponse").path("responseState").asText("");
    }

    private static List<String> names(JsonNode collection) {
        return collection.get("value").findValuesAsText("displayName");
    }

    private static List<String> subjects(JsonNode collection) {
        return collection.get("value").findValuesAsText("subject");
    }
}
