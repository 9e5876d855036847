package dev.entrabridge.lambda;

import dev.entrabridge.emulator.lambda.InitError;
import dev.entrabridge.emulator.lambda.InvocationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler whose configuration is incomplete fails in its constructor, during Lambda's init phase:
 * the runtime interface client reports it to {@code /runtime/init/error} with a message naming the
 * variable to set, the invocation that started the environment fails with it, and the runtime exits.
 */
class InitFailureIT {

    @ParameterizedTest
    @ValueSource(strings = {"BedrockActionGroupHandler", "TokenFunctionUrlHandler", "ScheduledHealthHandler"})
    void aMissingTenantIsAnInitErrorNamingTheVariable(String handler) {
        Map<String, String> environment = Map.of("ENTRA_BLUEPRINT_CLIENT_ID", "b1e9c0de-0000-4000-8000-00000000b1e9");
        try (LambdaUnderTest lambda = LambdaUnderTest.start("dev.entrabridge.lambda." + handler + "::handleRequest",
                environment)) {
            InvocationResult result = lambda.invoke(Events.read("bedrock/ok/get-user.function.json"));
            int exit = lambda.runtime().awaitExit(Duration.ofSeconds(30));

            List<InitError> errors = lambda.api().initErrors();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).errorType()).isEqualTo("Runtime.BadFunctionCode");
            assertThat(errors.get(0).errorMessage()).startsWith("ENTRA_TENANT_ID is missing");
            assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
            assertThat(((InvocationResult.FunctionError) result).cause()).isEqualTo(InvocationResult.Cause.INIT_ERROR);
            assertThat(exit).isEqualTo(1);
        }
    }
}
