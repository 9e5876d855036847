package dev.entrabridge.endpoint;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies as JSON without leniency: UTF-8 only, no unknown fields, no duplicate
 * keys, no trailing content, no comments, no {@code null} inside a list (a {@code "scopes":[null]}
 * must not reach code that expects strings). Every failure is a 400 that names the problem; the
 * body is never echoed (it may carry a secret).
 */
final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .build();

    private StrictJson() {
    }

    static <T> T read(byte[] body, Class<T> type) {
        String text = FormDecoding.utf8(body, "The request body");
        if (text.isBlank()) {
            throw RequestRefused.badRequest("BRIDGE_MALFORMED_JSON", "The request body is empty.", "Send a JSON object.");
        }
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw RequestRefused.badRequest("BRIDGE_MALFORMED_JSON", "The request body is JSON null.", "Send a JSON object.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw RequestRefused.badRequest("BRIDGE_UNKNOWN_FIELD",
                    "Unknown field '" + QueryParameters.printable(e.getPropertyName()) + "' in the request body.",
                    "Use only the documented fields: " + e.getKnownPropertyIds() + ".");
        } catch (MismatchedInputException e) {
            throw RequestRefused.badRequest("BRIDGE_MALFORMED_JSON",
                    "The request body has a value of the wrong type" + at(e) + ".",
                    "Send strings for names and ids, and a list of strings for scopes.");
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a field given twice" : "malformed JSON";
            throw RequestRefused.badRequest(what.startsWith("a field") ? "BRIDGE_DUPLICATE_FIELD" : "BRIDGE_MALFORMED_JSON",
                    "The request body is not acceptable: " + what + at(e) + ".", "Send one well-formed JSON object.");
        }
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
