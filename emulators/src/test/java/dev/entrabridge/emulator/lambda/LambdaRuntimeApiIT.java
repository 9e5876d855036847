package dev.entrabridge.emulator.lambda;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The Runtime API's rules, driven over loopback HTTP the way a runtime calls them. */
class LambdaRuntimeApiIT {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NEXT = "/2018-06-01/runtime/invocation/next";
    private static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    private static final String ACCEPTED = "{\"status\":\"OK\"}";
    private static final String INVALID_REQUEST_ID =
            "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}";

    private final LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(Clock.fixed(NOW, ZoneOffset.UTC));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void nextWaitsForAnInvocationAndCarriesItsMetadata() throws Exception {
        CompletableFuture<HttpResponse<String>> poll = sendAsync("GET", NEXT, "");
        Thread.sleep(300);
        assertThat(poll).isNotDone();

        Invocation invocation = api.invoke(InvokeRequest.of(LambdaFixtures.read("echo-event.json"))
                .withClientContext(LambdaFixtures.read("client-context.json"))
                .withCognitoIdentity("{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}")
                .withQualifier("live"));
        HttpResponse<String> next = poll.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo(LambdaFixtures.read("echo-event.json"));
        assertThat(next.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(invocation.requestId());
        assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms"))
                .hasValue(Long.toString(NOW.plusSeconds(30).toEpochMilli()));
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .hasValue("arn:aws:lambda:us-east-1:123456789012:function:entra-agent-bridge:live");
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValue(invocation.traceId());
        assertThat(invocation.traceId()).matches("Root=1-695[0-9a-f]{5}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context"))
                .hasValue(LambdaFixtures.read("client-context.json"));
        assertThat(next.headers().firstValue("Lambda-Runtime-Cognito-Identity"))
                .hasValue("{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}");
        assertThat(invocation.deadline()).hasValue(NOW.plusSeconds(30));
    }

    @Test
    void leavesOutTheOptionalHeadersWhenTheCallerSentNoContext() throws Exception {
        api.invoke("{}");

        HttpResponse<String> next = send("GET", NEXT, "");

        assertThat(next.headers().firstValue("Lambda-Runtime-Client-Context")).isEmpty();
        assertThat(next.headers().firstValue("Lambda-Runtime-Cognito-Identity")).isEmpty();
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .hasValue("arn:aws:lambda:us-east-1:123456789012:function:entra-agent-bridge");
    }

    @Test
    void acceptsOneAnswerPerInvocation() throws Exception {
        Invocation invocation = api.invoke("{\"n\":1}");
        send("GET", NEXT, "");

        HttpResponse<String> accepted = send("POST", answer(invocation, "response"), "{\"ok\":true}");
        HttpResponse<String> again = send("POST", answer(invocation, "response"), "{\"ok\":false}");
        HttpResponse<String> errorAfterwards = send("POST", answer(invocation, "error"), "{}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo(ACCEPTED);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).isEqualTo("{\"errorMessage\":\"State transition from RuntimeResponseSentState to "
                + "InvocationResponse failed for runtime. Error: State transition is not allowed\","
                + "\"errorType\":\"InvalidStateTransition\"}");
        assertThat(errorAfterwards.statusCode()).isEqualTo(403);
        assertThat(errorAfterwards.body()).contains("to InvocationErrorResponse failed for runtime");
        assertThat(invocation.await(WAIT)).isEqualTo(new InvocationResult.Response(invocation.requestId(),
                "{\"ok\":true}"));
    }

    @Test
    void refusesARequestIdThatIsNotTheInvocationHeld() throws Exception {
        Invocation first = api.invoke("{\"n\":1}");
        HttpResponse<String> beforeAnyInvocation = send("POST", answer(first, "response"), "{}");
        send("GET", NEXT, "");

        HttpResponse<String> unknown = send("POST", "/2018-06-01/runtime/invocation/not-a-request/response", "{}");
        HttpResponse<String> unknownError = send("POST", "/2018-06-01/runtime/invocation/not-a-request/error", "{}");
        HttpResponse<String> held = send("POST", answer(first, "response"), "{}");

        assertThat(beforeAnyInvocation.statusCode()).isEqualTo(400);
        assertThat(beforeAnyInvocation.body()).isEqualTo(INVALID_REQUEST_ID);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo(INVALID_REQUEST_ID);
        assertThat(unknownError.statusCode()).isEqualTo(400);
        assertThat(held.statusCode()).isEqualTo(202);
    }

    @Test
    void recordsAnInvocationErrorWithItsType() throws Exception {
        Invocation invocation = api.invoke("{}");
        send("GET", NEXT, "");
        String document = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}";

        HttpResponse<String> accepted = send("POST", answer(invocation, "error"), document,
                "Lambda-Runtime-Function-Error-Type", "Runtime.UserException");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(invocation.await(WAIT)).isEqualTo(new InvocationResult.FunctionError(invocation.requestId(),
                "Runtime.UserException", document, InvocationResult.Cause.INVOCATION_ERROR));
    }

    @Test
    void anInitErrorFailsEveryInvocationAndEndsTheRuntimesTurn() throws Exception {
        Invocation waiting = api.invoke("{\"n\":1}");
        String document = "{\"errorMessage\":\"BRIDGE_TENANT_ID is not set\",\"errorType\":\"java.lang.IllegalStateException\"}";

        HttpResponse<String> accepted = send("POST", INIT_ERROR, document,
                "Lambda-Runtime-Function-Error-Type", "Runtime.BadFunctionCode");
        HttpResponse<String> next = send("GET", NEXT, "");
        HttpResponse<String> secondInitError = send("POST", INIT_ERROR, document);
        Invocation later = api.invoke("{\"n\":2}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(waiting.await(WAIT)).isEqualTo(new InvocationResult.FunctionError(waiting.requestId(),
                "Runtime.BadFunctionCode", document, InvocationResult.Cause.INIT_ERROR));
        assertThat(later.await(WAIT)).isEqualTo(new InvocationResult.FunctionError(later.requestId(),
                "Runtime.BadFunctionCode", document, InvocationResult.Cause.INIT_ERROR));
        assertThat(next.statusCode()).isEqualTo(403);
        assertThat(next.body()).isEqualTo("{\"errorMessage\":\"State transition from InitError to Ready failed for "
                + "runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}");
        assertThat(secondInitError.statusCode()).isEqualTo(403);
        assertThat(api.initErrors()).containsExactly(new InitError("Runtime.BadFunctionCode", document, NOW));
        assertThat(api.initErrors().get(0).errorMessage()).isEqualTo("BRIDGE_TENANT_ID is not set");
    }

    @Test
    void refusesAnInitErrorOnceAnInvocationIsTaken() throws Exception {
        api.invoke("{}");
        send("GET", NEXT, "");

        HttpResponse<String> initError = send("POST", INIT_ERROR, "{}");

        assertThat(initError.statusCode()).isEqualTo(403);
        assertThat(initError.body()).contains("State transition from Ready to InitError failed for runtime");
        assertThat(api.initErrors()).isEmpty();
    }

    @Test
    void refusesAResponseOverTheSynchronousPayloadLimit() throws Exception {
        Invocation oversized = api.invoke("{}");
        send("GET", NEXT, "");

        HttpResponse<String> refused = send("POST", answer(oversized, "response"), "x".repeat(6_291_557));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("{\"errorMessage\":\"Exceeded maximum allowed payload size "
                + "(6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
        assertThat(oversized.await(WAIT)).isEqualTo(new InvocationResult.FunctionError(oversized.requestId(),
                "Function.ResponseSizeTooLarge", "{\"errorMessage\":\"Response payload size (6291557 bytes) exceeded "
                + "maximum allowed payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}",
                InvocationResult.Cause.OVERSIZED_RESPONSE));
    }

    @Test
    void endsAnInvocationAtItsDeadlineAndMovesOn() throws Exception {
        Invocation slow = api.invoke(InvokeRequest.of("{\"n\":1}").withTimeout(Duration.ofSeconds(1)));
        Invocation next = api.invoke("{\"n\":2}");
        send("GET", NEXT, "");

        InvocationResult timedOut = slow.await(WAIT);
        HttpResponse<String> late = send("POST", answer(slow, "response"), "{}");
        HttpResponse<String> following = send("GET", NEXT, "");

        assertThat(timedOut).isEqualTo(new InvocationResult.FunctionError(slow.requestId(), "Sandbox.Timedout",
                "{\"errorMessage\":\"RequestId: " + slow.requestId() + " Error: Task timed out after 1.00 seconds\","
                        + "\"errorType\":\"Sandbox.Timedout\"}", InvocationResult.Cause.TIMEOUT));
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(following.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(next.requestId());
    }

    @Test
    void handsTheHeldInvocationAgainOnASecondNext() throws Exception {
        Invocation invocation = api.invoke("{\"n\":1}");
        HttpResponse<String> first = send("GET", NEXT, "");

        HttpResponse<String> again = send("GET", NEXT, "");

        assertThat(again.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue(invocation.requestId());
        assertThat(again.headers().firstValue("Lambda-Runtime-Deadline-Ms"))
                .isEqualTo(first.headers().firstValue("Lambda-Runtime-Deadline-Ms"));
    }

    @Test
    void refusesInvocationsLambdasInvokeRefuses() {
        assertThatIllegalArgumentException().isThrownBy(() -> api.invoke("not json"))
                .withMessageStartingWith("InvalidRequestContentException: Could not parse request body into json");
        assertThatIllegalArgumentException().isThrownBy(() -> api.invoke("\"" + "x".repeat(6_291_455) + "\""))
                .withMessage("RequestEntityTooLargeException: Request must be smaller than 6291456 bytes for the "
                        + "InvokeFunction operation");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> api.invoke(InvokeRequest.of("{}").withClientContext("[1]")))
                .withMessageContaining("client context must be a JSON object");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> api.invoke(InvokeRequest.of("{}")
                        .withClientContext("{\"custom\":{\"k\":\"" + "x".repeat(2700) + "\"}}")))
                .withMessageContaining("Lambda accepts at most 3583");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> api.invoke(InvokeRequest.of("{}").withCognitoIdentity("id-1")))
                .withMessageContaining("Cognito identity is not JSON");
    }

    @Test
    void closingFailsTheInvocationsStillWaiting() {
        Invocation waiting = api.invoke("{}");

        api.close();

        assertThatIllegalStateException().isThrownBy(() -> waiting.await(WAIT))
                .withMessageContaining("failed in the emulator")
                .havingCause().withMessage("the Lambda Runtime API emulator was closed");
    }

    @Test
    void answersUnknownPathsAndMethodsAsTheRuntimeApiDoes() throws Exception {
        HttpResponse<String> unknown = send("GET", "/2018-06-01/runtime/restore/next", "");
        HttpResponse<String> wrongMethod = send("POST", NEXT, "");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void environmentPointsTheRuntimeAtThisApi() {
        assertThat(api.environment())
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.baseUrl().getPort())
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "entra-agent-bridge")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    }

    private static String answer(Invocation invocation, String kind) {
        return "/2018-06-01/runtime/invocation/" + invocation.requestId() + "/" + kind;
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return sendAsync(method, path, body, headers).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, String body,
                                                              String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
