package dev.entrabridge.emulator.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.EmulatorResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Runtime API's answers and Lambda's error documents, byte for byte as Lambda's runtime API
 * server (RAPID) renders them.
 */
final class RuntimeApiAnswers {

    /** RAPID's limit on a buffered response: 6 MiB plus 100 bytes, the figure its errors name. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    private RuntimeApiAnswers() {
    }

    static EmulatorResponse accepted() {
        return json(202, JSON.createObjectNode().put("status", "OK"));
    }

    static EmulatorResponse invalidRequestId() {
        return json(400, error("Invalid request ID", "InvalidRequestID"));
    }

    static EmulatorResponse invalidStateTransition(RuntimeState from, RuntimeState to) {
        return json(403, error("State transition from " + from.apiName() + " to " + to.apiName()
                + " failed for runtime. Error: State transition is not allowed", "InvalidStateTransition"));
    }

    static EmulatorResponse responseTooLarge() {
        return json(413, error("Exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).",
                "RequestEntityTooLarge"));
    }

    static EmulatorResponse internalServerError() {
        return json(500, error("Internal Server Error", "InternalServerError"));
    }

    /** Go's {@code http.NotFound}, which the Runtime API's router answers for unknown paths. */
    static EmulatorResponse notFound() {
        return EmulatorResponse.text(404, "404 page not found\n");
    }

    static EmulatorResponse methodNotAllowed() {
        return new EmulatorResponse(405, Map.of(), new byte[0]);
    }

    /** The {@code /next} answer: the event as body and the invocation's metadata as headers. */
    static EmulatorResponse invocation(Invocation invocation, String invokedFunctionArn, long deadlineMs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Lambda-Runtime-Aws-Request-Id", List.of(invocation.requestId()));
        headers.put("Lambda-Runtime-Trace-Id", List.of(invocation.traceId()));
        invocation.request().clientContext().ifPresent(c -> headers.put("Lambda-Runtime-Client-Context", List.of(c)));
        invocation.request().cognitoIdentity()
                .ifPresent(c -> headers.put("Lambda-Runtime-Cognito-Identity", List.of(c)));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", List.of(invokedFunctionArn));
        headers.put("Lambda-Runtime-Deadline-Ms", List.of(Long.toString(deadlineMs)));
        // Without a Content-Type the RIC's native client dereferences a missing header and crashes.
        headers.put("Content-Type", List.of(JSON_TYPE));
        return new EmulatorResponse(200, headers, invocation.request().payload().getBytes(StandardCharsets.UTF_8));
    }

    /** The error document a caller receives when the runtime's response was too large. */
    static String oversizedResponseDocument(long responseBytes) {
        return error("Response payload size (" + responseBytes + " bytes) exceeded maximum allowed payload size ("
                + MAX_RESPONSE_BYTES + " bytes).", "Function.ResponseSizeTooLarge").toString();
    }

    /** The error document a caller receives when the function ran past its deadline. */
    static String timeoutDocument(String requestId, double timeoutSeconds) {
        return error(String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds", requestId,
                timeoutSeconds), "Sandbox.Timedout").toString();
    }

    private static ObjectNode error(String message, String type) {
        return JSON.createObjectNode().put("errorMessage", message).put("errorType", type);
    }

    private static EmulatorResponse json(int status, ObjectNode body) {
        return EmulatorResponse.of(status, JSON_TYPE, body.toString());
    }
}
