package dev.entrabridge.emulator.lambda;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LambdaFunctionTest {

    private final LambdaFunction example = LambdaFunction.example();

    @Test
    void namesItsArnAndReservedVariables() {
        LambdaFunction function = example.withName("bedrock-actions");

        assertThat(function.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:bedrock-actions");
        assertThat(function.environment())
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "bedrock-actions")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bedrock-actions")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .doesNotContainKeys("AWS_LAMBDA_RUNTIME_API", "_HANDLER", "AWS_ACCESS_KEY_ID");
    }

    @Test
    void refusesWhatLambdaRefuses() {
        assertThatIllegalArgumentException().isThrownBy(() -> example.withName("has space"))
                .withMessageContaining("function name");
        assertThatIllegalArgumentException().isThrownBy(() -> example.withName("x".repeat(65)))
                .withMessageContaining("1-64");
        assertThatIllegalArgumentException().isThrownBy(() -> example.withTimeout(Duration.ofMinutes(16)))
                .withMessageContaining("timeout must be 1 s to 15 min");
        assertThatIllegalArgumentException().isThrownBy(() -> example.withTimeout(Duration.ofMillis(500)))
                .withMessageContaining("timeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new LambdaFunction("f", "$LATEST", "us-east-1",
                "1234", 512, Duration.ofSeconds(3))).withMessageContaining("twelve digits");
        assertThatIllegalArgumentException().isThrownBy(() -> new LambdaFunction("f", "$LATEST", "us-east-1",
                "123456789012", 64, Duration.ofSeconds(3))).withMessageContaining("128-10240");
    }
}
