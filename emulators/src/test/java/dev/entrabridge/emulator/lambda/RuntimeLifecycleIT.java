package dev.entrabridge.emulator.lambda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh runtime JVM per test under the real RIC: initialisation failures, typed handlers, timeouts
 * and stopping the JVM.
 */
class RuntimeLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(Clock.systemUTC());
    private LambdaRuntimeProcess runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        api.close();
    }

    @Test
    void reportsAConstructorFailureToInitErrorAndTheRuntimeExits() {
        runtime = start(BrokenConstructorHandler.class.getName() + "::handleRequest");

        InvocationResult result = api.invoke("{}").await(WAIT);
        int exitCode = runtime.awaitExit(WAIT);

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.cause()).isEqualTo(InvocationResult.Cause.INIT_ERROR);
        assertThat(error.errorType()).isEqualTo("Runtime.BadFunctionCode");
        List<InitError> initErrors = api.initErrors();
        assertThat(initErrors).hasSize(1);
        assertThat(initErrors.get(0).errorType()).isEqualTo("Runtime.BadFunctionCode");
        assertThat(initErrors.get(0).errorMessage()).isEqualTo("BRIDGE_TENANT_ID is not set: set it to the tenant's id");
        assertThat(error.payload()).isEqualTo(initErrors.get(0).payload());
        assertThat(exitCode).isEqualTo(1);
    }

    @Test
    void runsATypedHandlerThroughTheRuntimesSerialization() {
        runtime = start(GreetingHandler.class.getName() + "::handleRequest");

        InvocationResult result = api.invoke(LambdaFixtures.read("greeting-event.json")).await(WAIT);

        assertThat(result.payload()).isEqualTo("{\"greeting\":\"hello Alice\"}");
    }

    @Test
    void endsAnInvocationThatOutlivesItsTimeoutAndRefusesTheLateAnswer() {
        runtime = start(ProbeHandler.class.getName() + "::handleRequest");
        Invocation invocation = api.invoke(InvokeRequest.of("{\"probe\":\"sleep\",\"millis\":2000}")
                .withTimeout(Duration.ofSeconds(1)));

        InvocationResult result = invocation.await(WAIT);
        // Lambda resets an environment after a timeout; this RIC, refused its late answer, exits.
        runtime.awaitExit(WAIT);

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.cause()).isEqualTo(InvocationResult.Cause.TIMEOUT);
        assertThat(error.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(error.errorMessage())
                .isEqualTo("RequestId: " + invocation.requestId() + " Error: Task timed out after 1.00 seconds");
        assertThat(runtime.stdout()).anyMatch(line -> line.contains("Http response code: 403")
                && line.contains("State transition from RuntimeResponseSentState to InvocationResponse failed"));
    }

    @Test
    void refusesAnOversizedResponseAsLambdaDoes() {
        runtime = start(ProbeHandler.class.getName() + "::handleRequest");

        InvocationResult result = api.invoke("{\"probe\":\"oversized\",\"bytes\":6291557}").await(WAIT);
        // The RIC then reports an error for the same invocation, is refused (403) and exits, as in Lambda,
        // which replaces the environment.
        runtime.awaitExit(WAIT);

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.cause()).isEqualTo(InvocationResult.Cause.OVERSIZED_RESPONSE);
        assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(error.errorMessage()).isEqualTo(
                "Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).");
        assertThat(runtime.stdout()).anyMatch(line -> line.contains("Http response code: 413. {\"errorMessage\":"
                + "\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}"));
    }

    @Test
    void closeStopsARuntimeWaitingForWorkWithinSeconds() {
        runtime = start(ProbeHandler.class.getName() + "::handleRequest");
        api.invoke("{\"probe\":\"echo\"}").await(WAIT);

        long started = System.nanoTime();
        runtime.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(runtime.isAlive()).isFalse();
        assertThat(runtime.exitCode()).isPresent();
        assertThat(took).isLessThan(Duration.ofSeconds(9));
    }

    @Test
    void refusesToStartWithoutAUsableHandlerClasspathOrRuntimeApi() {
        var noRuntimeApi = LambdaRuntimeProcess.builder()
                .classpath(LambdaRuntimeProcess.classpathOfThisJvm()).handler("a.B::handle");
        var badHandler = LambdaRuntimeProcess.builder()
                .classpath(LambdaRuntimeProcess.classpathOfThisJvm()).handler("not a handler").runtimeApi(api);
        var missingEntry = LambdaRuntimeProcess.builder()
                .classpath(List.of(java.nio.file.Path.of("does-not-exist.jar"))).handler("a.B").runtimeApi(api);

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(noRuntimeApi::start)
                .withMessageContaining("AWS_LAMBDA_RUNTIME_API");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(badHandler::start)
                .withMessageContaining("package.Class::method");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(missingEntry::start)
                .withMessageContaining("does-not-exist.jar");
    }

    private LambdaRuntimeProcess start(String handler) {
        return LambdaRuntimeProcess.builder()
                .classpath(LambdaRuntimeProcess.classpathOfThisJvm())
                .handler(handler)
                .runtimeApi(api)
                .start();
    }
}
