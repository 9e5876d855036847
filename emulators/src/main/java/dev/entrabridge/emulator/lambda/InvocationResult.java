package dev.entrabridge.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the caller of a synchronous {@code Invoke} gets back: the handler's payload, or a function
 * error whose payload is the error document ({@code errorMessage}, {@code errorType},
 * {@code stackTrace}) that Lambda returns with {@code X-Amz-Function-Error}.
 */
public sealed interface InvocationResult permits InvocationResult.Response, InvocationResult.FunctionError {

    String requestId();

    /** The payload as the caller receives it (UTF-8). */
    String payload();

    /** The handler's answer, posted to {@code /invocation/{id}/response}. */
    record Response(String requestId, String payload) implements InvocationResult {
    }

    /**
     * A failed invocation.
     *
     * @param requestId the invocation
     * @param errorType the runtime's {@code Lambda-Runtime-Function-Error-Type} header, or Lambda's own
     *                  type ({@code Function.ResponseSizeTooLarge}, {@code Sandbox.Timedout}); empty when
     *                  the runtime sent none
     * @param payload   the error document
     * @param cause     which part of the Runtime API produced it
     */
    record FunctionError(String requestId, String errorType, String payload, Cause cause)
            implements InvocationResult {

        private static final ObjectMapper JSON = new ObjectMapper();

        /** The document's {@code errorMessage}, or empty when the payload is not such a document. */
        public String errorMessage() {
            return field("errorMessage");
        }

        /** The document's own {@code errorType} (the RIC puts the exception class there). */
        public String documentErrorType() {
            return field("errorType");
        }

        /** The document's {@code stackTrace} lines, or none. */
        public List<String> stackTrace() {
            List<String> lines = new ArrayList<>();
            document().path("stackTrace").forEach(line -> lines.add(line.asText()));
            return lines;
        }

        private String field(String name) {
            return document().path(name).asText("");
        }

        private JsonNode document() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }

    /** Where a function error came from. */
    enum Cause {
        /** The runtime posted {@code /invocation/{id}/error} (the handler threw). */
        INVOCATION_ERROR,
        /** The runtime posted {@code /init/error}: the invocation waiting for this environment fails with it. */
        INIT_ERROR,
        /** The runtime's response exceeded the synchronous payload limit. */
        OVERSIZED_RESPONSE,
        /** No answer before the deadline. */
        TIMEOUT
    }
}
