package dev.entrabridge.emulator.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;

/**
 * What a runtime posted to {@code /runtime/init/error}: the handler could not be loaded or constructed.
 *
 * @param errorType  the {@code Lambda-Runtime-Function-Error-Type} header (the RIC sends
 *                   {@code Runtime.BadFunctionCode}-style types), or empty
 * @param payload    the error document ({@code errorMessage}, {@code errorType}, {@code stackTrace})
 * @param receivedAt when the emulator received it
 */
public record InitError(String errorType, String payload, Instant receivedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The document's {@code errorMessage}, or empty when the payload is not such a document. */
    public String errorMessage() {
        try {
            return JSON.readTree(payload).path("errorMessage").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
