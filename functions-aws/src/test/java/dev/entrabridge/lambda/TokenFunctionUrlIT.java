package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.Jwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token Function URL handler under the real runtime interface client: Function URL events
 * (payload 2.0, as Lambda builds them for {@code AuthType: AWS_IAM}) from an IAM principal the policy
 * allows get agent tokens, others are refused, and the platform's own parts of a request (SigV4 header,
 * presigned query parameters, base64 body encoding) never reach the contract's rules.
 */
class TokenFunctionUrlIT {

    static final String HANDLER = "dev.entrabridge.lambda.TokenFunctionUrlHandler::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.clock(Clock.systemUTC()));

    private static LambdaUnderTest lambda;

    @BeforeAll
    static void start() {
        Map<String, String> env = WORLD.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_POLICY", Events.resource("function-url/policy.json"));
        lambda = LambdaUnderTest.start(HANDLER, env);
    }

    @AfterAll
    static void stop() {
        lambda.assertLoggedNoSecret();
        lambda.close();
    }

    @Test
    void anAllowedIamPrincipalGetsAnAgentToken() {
        JsonNode response = lambda.answer(Events.read("function-url/token-request.json"));

        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(response.get("headers").get("Cache-Control").asText()).contains("no-store");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode token = body(response);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(Jwts.claims(token.get("access_token").asText())).containsEntry("appid", EmulatedCloud.MAILER_AGENT_APP_ID);
        String audit = lambda.runtime().awaitOutput(l -> l.contains("\"outcome\":\"issued\"") && l.contains("AWS_IAM"),
                LambdaUnderTest.WAIT).text();
        assertThat(audit).contains("\"principalArn\":\"arn:aws:sts::123456789012:assumed-role/AgentWorkloadRole/n8n-worker\"");
    }

    @Test
    void aBase64BodyIsDecoded() {
        JsonNode response = lambda.answer(Events.read("function-url/token-request-base64.json"));

        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(body(response).get("access_token").asText()).isNotBlank();
    }

    @Test
    void aPrincipalThePolicyDoesNotAllowIsRefused() {
        JsonNode response = lambda.answer(Events.read("function-url/token-request-other-role.json"));

        JsonNode problem = problem(response, 403);
        assertThat(problem.get("code").asText()).isEqualTo("POLICY_DENIED");
        assertThat(problem.get("detail").asText()).contains("arn:aws:sts::123456789012:assumed-role/UnrelatedRole/session-7");
    }

    @Test
    void aRequestWithoutAVerifiedPrincipalIsUnauthenticated() {
        JsonNode response = lambda.answer(Events.read("function-url/token-request-unauthenticated.json"));

        assertThat(problem(response, 401).get("code").asText()).isEqualTo("BRIDGE_UNAUTHENTICATED");
    }

    @Test
    void aPresignedRequestsSignatureParametersAreNotTheContracts() {
        JsonNode response = lambda.answer(Events.read("function-url/authorization-header-presigned.json"));

        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        assertThat(body(response).get("authorizationHeader").asText()).startsWith("Bearer ");
    }

    @Test
    void aRepeatedParameterStaysVisibleAndIsRefused() {
        JsonNode response = lambda.answer(Events.read("function-url/repeated-parameter.json"));

        assertThat(problem(response, 400).get("code").asText()).isEqualTo("BRIDGE_DUPLICATE_PARAMETER");
    }

    @Test
    void healthzAnswersWithoutACaller() {
        JsonNode response = lambda.answer(Events.read("function-url/healthz.json"));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo("Healthy");
    }

    @Test
    void anEventThatIsNotAFunctionUrlRequestIsABadRequest() {
        JsonNode response = lambda.answer(Events.read("bedrock/ok/get-user.openapi.json"));

        assertThat(problem(response, 400).get("code").asText()).isEqualTo("BRIDGE_MALFORMED_EVENT");
    }

    private static JsonNode problem(JsonNode response, int status) {
        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(response.get("headers").get("Content-Type").asText()).startsWith("application/problem+json");
        assertThat(response.toString()).doesNotContain("eyJ");
        return body(response);
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
