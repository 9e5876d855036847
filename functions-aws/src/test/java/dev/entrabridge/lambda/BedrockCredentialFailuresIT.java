package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_AWS;
import static dev.entrabridge.lambda.BedrockActionGroupIT.body;
import static dev.entrabridge.lambda.BedrockActionGroupIT.state;
import static dev.entrabridge.lambda.BedrockActionGroupIT.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When no token can be had — STS will not mint the assertion, or Entra finds no federated identity
 * credential matching it — an action fails the Bedrock session (a 502 for OpenAPI) carrying the
 * diagnosis's remedy, never a stack trace. Its own execution environment, which never obtains a token:
 * a successful exchange would be cached and hide the next break. Assertions live 60 s here, which the
 * bridge never reuses, so each invocation asks STS again.
 */
class BedrockCredentialFailuresIT {

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.demoPeople().clock(Clock.systemUTC()));

    private static LambdaUnderTest lambda;

    @BeforeAll
    static void start() {
        Map<String, String> env = WORLD.bridge().bedrockEnvironment();
        env.put("BRIDGE_STS_TOKEN_DURATION_SECONDS", "60");
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "1");
        lambda = LambdaUnderTest.start(BedrockActionGroupIT.HANDLER, env);
    }

    @AfterEach
    void repair() {
        EmulatedCloud cloud = WORLD.cloud();
        cloud.sts().outboundFederationEnabled(true);
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_AWS)
                .federatedCredential(FIC_AWS, cloud.sts().issuer(), AWS_ROLE_ARN, EXCHANGE_AUDIENCE);
    }

    @AfterAll
    static void stop() {
        lambda.assertLoggedNoSecret();
        lambda.close();
    }

    @Test
    void outboundFederationDisabledInTheAccountFailsTheSessionWithTheCommandToRun() {
        WORLD.cloud().sts().outboundFederationEnabled(false);

        JsonNode function = lambda.answer(Events.read("bedrock/ok/get-user.function.json"));
        JsonNode openApi = lambda.answer(Events.read("bedrock/ok/get-user.openapi.json"));

        assertThat(state(function)).isEqualTo("FAILURE");
        assertThat(text(function)).contains("Outbound web identity federation is not enabled",
                "aws iam enable-outbound-web-identity-federation", "OutboundWebIdentityFederationDisabledException");
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(502);
        assertThat(body(openApi).get("error").get("code").asText()).isEqualTo("OutboundWebIdentityFederationDisabledException");
    }

    @Test
    void aFederatedCredentialThatDoesNotMatchTheRoleFailsTheSessionSayingWhatToFix() {
        WORLD.cloud().tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_AWS).federatedCredential(FIC_AWS,
                WORLD.cloud().sts().issuer(), "arn:aws:iam::" + EmulatedCloud.AWS_ACCOUNT + ":role/SomeOtherRole",
                EXCHANGE_AUDIENCE);

        JsonNode function = lambda.answer(Events.read("bedrock/ok/search-users.function.json"));
        JsonNode openApi = lambda.answer(Events.read("bedrock/ok/search-users.openapi.json"));

        assertThat(state(function)).isEqualTo("FAILURE");
        assertThat(text(function)).containsIgnoringCase("federated identity credential").contains("(AADSTS70021");
        assertThat(function.get("sessionAttributes").get("team").asText()).isEqualTo("people-ops");
        assertThat(openApi.get("response").get("httpStatusCode").asInt()).isEqualTo(502);
        JsonNode error = body(openApi).get("error");
        assertThat(error.get("code").asText()).startsWith("AADSTS70021");
        assertThat(error.get("remedy").asText()).containsIgnoringCase("subject");
        assertThat(openApi.toString()).doesNotContain("\tat ", "eyJ");
    }
}
