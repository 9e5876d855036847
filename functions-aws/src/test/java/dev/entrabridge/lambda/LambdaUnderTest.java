package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.lambda.InvocationResult;
import dev.entrabridge.emulator.lambda.LambdaRuntimeApiEmulator;
import dev.entrabridge.emulator.lambda.LambdaRuntimeProcess;
import dev.entrabridge.testing.LogScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One handler in one execution environment, as Lambda runs it: a child JVM under the real runtime
 * interface client against the Runtime API emulator, with the function's environment. One per test
 * class, since an environment serves many invocations and each JVM start costs about a second.
 */
final class LambdaUnderTest implements AutoCloseable {

    /** Generous: the first invocation of a cold JVM on a loaded build machine. */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaRuntimeApiEmulator api;
    private final LambdaRuntimeProcess runtime;

    private LambdaUnderTest(LambdaRuntimeApiEmulator api, LambdaRuntimeProcess runtime) {
        this.api = api;
        this.runtime = runtime;
    }

    /** @param handler e.g. {@code dev.entrabridge.lambda.BedrockActionGroupHandler::handleRequest} */
    static LambdaUnderTest start(String handler, Map<String, String> environment) {
        LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(Clock.systemUTC());
        try {
            return new LambdaUnderTest(api, LambdaRuntimeProcess.builder()
                    .classpath(LambdaRuntimeProcess.classpathOfThisJvm())
                    .handler(handler)
                    .runtimeApi(api)
                    .environment(environment)
                    .start());
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    LambdaRuntimeApiEmulator api() {
        return api;
    }

    LambdaRuntimeProcess runtime() {
        return runtime;
    }

    InvocationResult invoke(String event) {
        return api.invoke(event).await(WAIT);
    }

    /** Invokes and returns the handler's answer, which must be a response (not a function error). */
    JsonNode answer(String event) {
        InvocationResult result = invoke(event);
        assertThat(result).as("%s\n%s", result, runtime.output()).isInstanceOf(InvocationResult.Response.class);
        try {
            return JSON.readTree(result.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("the handler answered no JSON: " + result.payload(), e);
        }
    }

    /** Everything the runtime wrote: audit lines, metrics, the core's log events, the RIC's own lines. */
    List<String> output() {
        List<String> all = new ArrayList<>(runtime.stdout());
        all.addAll(runtime.stderr());
        return all;
    }

    /** Fails when the runtime logged a token, an assertion or a known secret. */
    void assertLoggedNoSecret() {
        assertThat(LogScanner.findings(output())).isEmpty();
    }

    @Override
    public void close() {
        runtime.close();
        api.close();
    }
}
