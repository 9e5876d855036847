package dev.entrabridge.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Lambda runtime interface client in a child JVM against the Runtime API emulator, one
 * runtime for the whole class as one execution environment serves many invocations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeInterfaceClientIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLER = ProbeHandler.class.getName() + "::handleRequest";

    private final LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(Clock.systemUTC());
    private final LambdaRuntimeProcess runtime = LambdaRuntimeProcess.builder()
            .classpath(LambdaRuntimeProcess.classpathOfThisJvm())
            .handler(HANDLER)
            .runtimeApi(api)
            .start();

    @AfterAll
    void stop() {
        runtime.close();
        api.close();
    }

    @Test
    void returnsTheHandlersBytesExactly() {
        String event = LambdaFixtures.read("echo-event.json");

        InvocationResult first = api.invoke(event).await(WAIT);
        InvocationResult second = api.invoke("{\"probe\":\"echo\",\"n\":2}").await(WAIT);

        assertThat(first).isInstanceOf(InvocationResult.Response.class);
        assertThat(first.payload()).isEqualTo(event);
        assertThat(second.payload()).isEqualTo("{\"probe\":\"echo\",\"n\":2}");
    }

    @Test
    void handsTheInvocationContextToTheHandler() throws Exception {
        Invocation invocation = api.invoke(InvokeRequest.of(LambdaFixtures.read("context-event.json"))
                .withClientContext(LambdaFixtures.read("client-context.json"))
                .withCognitoIdentity("{\"cognitoIdentityId\":\"us-east-1:identity-1\","
                        + "\"cognitoIdentityPoolId\":\"us-east-1:pool-1\"}")
                .withQualifier("live")
                .withTimeout(Duration.ofSeconds(20)));

        JsonNode context = JSON.readTree(invocation.await(WAIT).payload());

        assertThat(context.path("awsRequestId").asText()).isEqualTo(invocation.requestId());
        assertThat(context.path("invokedFunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:entra-agent-bridge:live");
        assertThat(context.path("functionName").asText()).isEqualTo("entra-agent-bridge");
        assertThat(context.path("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(context.path("memoryLimitInMB").asInt()).isEqualTo(512);
        assertThat(context.path("logGroupName").asText()).isEqualTo("/aws/lambda/entra-agent-bridge");
        assertThat(context.path("remainingTimeInMillis").asLong()).isBetween(1L, 20_000L);
        assertThat(context.path("traceHeader").asText()).isEqualTo(invocation.traceId());
        assertThat(context.path("clientContextCustom").path("bedrockAgentCoreToolName").asText())
                .isEqualTo("graph-target___getUser");
        assertThat(context.path("identityId").asText()).isEqualTo("us-east-1:identity-1");
        assertThat(context.path("identityPoolId").asText()).isEqualTo("us-east-1:pool-1");
        assertThat(context.path("region").asText()).isEqualTo("us-east-1");
        assertThat(context.path("handlerVariable").asText()).isEqualTo(HANDLER);
        assertThat(context.path("userHome").asText()).isNotEqualTo(System.getProperty("user.home"));
    }

    @Test
    void reportsAHandlerExceptionToTheErrorEndpointAndServesTheNextInvocation() {
        InvocationResult failed = api.invoke(LambdaFixtures.read("fail-event.json")).await(WAIT);
        InvocationResult next = api.invoke("{\"probe\":\"echo\"}").await(WAIT);

        assertThat(failed).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) failed;
        assertThat(error.cause()).isEqualTo(InvocationResult.Cause.INVOCATION_ERROR);
        assertThat(error.errorType()).isEqualTo("Runtime.UserException");
        assertThat(error.documentErrorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.errorMessage()).isEqualTo("the handler failed on purpose");
        assertThat(error.stackTrace()).first().asString().startsWith(ProbeHandler.class.getName() + ".handleRequest(");
        assertThat(next.payload()).isEqualTo("{\"probe\":\"echo\"}");
    }

    @Test
    void sendsWhatTheRuntimeApiExpects() {
        Invocation answered = api.invoke("{\"probe\":\"echo\"}");
        answered.await(WAIT);
        Invocation failed = api.invoke(LambdaFixtures.read("fail-event.json"));
        failed.await(WAIT);

        RecordedRequest response = only(api.requests(), "/invocation/" + answered.requestId() + "/response");
        RecordedRequest error = only(api.requests(), "/invocation/" + failed.requestId() + "/error");
        List<RecordedRequest> polls = api.requests().stream()
                .filter(r -> r.path().equals("/2018-06-01/runtime/invocation/next")).toList();

        assertThat(polls).isNotEmpty().allSatisfy(poll -> {
            assertThat(poll.method()).isEqualTo("GET");
            // aws-lambda-java/<java.vendor.version>-<RIC version>; Debian's JDK has no vendor version.
            assertThat(poll.header("User-Agent")).get().asString().matches("aws-lambda-java/.+-2\\.10\\.1");
        });
        assertThat(response.method()).isEqualTo("POST");
        assertThat(response.header("Content-Type")).hasValue("application/json");
        assertThat(response.bodyText()).isEqualTo("{\"probe\":\"echo\"}");
        assertThat(error.method()).isEqualTo("POST");
        assertThat(error.header("Content-Type")).hasValue("application/json");
        assertThat(error.header("Lambda-Runtime-Function-Error-Type")).hasValue("Runtime.UserException");
        assertThat(error.header("Lambda-Runtime-Function-XRay-Error-Cause")).get().asString()
                .contains("\"type\":\"java.lang.IllegalStateException\"");
    }

    @Test
    void capturesWhatTheHandlerWritesToStdoutAndStderr() throws Exception {
        JsonNode event = JSON.readTree(LambdaFixtures.read("log-event.json"));

        api.invoke(event.toString()).await(WAIT);

        String metricLine = event.path("stdout").asText();
        assertThat(runtime.awaitOutput(metricLine::equals, WAIT).stream()).isEqualTo(OutputLine.Stream.STDOUT);
        assertThat(runtime.awaitOutput("warning: written to stderr"::equals, WAIT).stream())
                .isEqualTo(OutputLine.Stream.STDERR);
        assertThat(runtime.stdout()).contains(metricLine);
    }

    @Test
    void acceptsAResponseOfExactlyTheLimit() {
        InvocationResult result = api.invoke("{\"probe\":\"oversized\",\"bytes\":6291556}").await(WAIT);

        assertThat(result).isInstanceOf(InvocationResult.Response.class);
        assertThat(result.payload()).hasSize(6291556);
    }

    private static RecordedRequest only(List<RecordedRequest> requests, String pathSuffix) {
        List<RecordedRequest> matching = requests.stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
