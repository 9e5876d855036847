package dev.entrabridge.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parameter types of Bedrock action groups. Bedrock sends every value as a string; each type
 * converts it the one way its schema declares, or refuses it with a sentence a model can act on.
 */
enum ParameterType {
    STRING("string", "text"),
    NUMBER("number", "a number such as 2.5"),
    INTEGER("integer", "a whole number such as 5"),
    BOOLEAN("boolean", "true or false"),
    /** A list of strings: Bedrock's text of an array, {@code ["a","b"]}, {@code [a, b]} or {@code a,b}. */
    ARRAY("array", "a list such as [\"AlexW@contoso.com\", \"AdeleV@contoso.com\"]");

    /** Longer values are refused: nothing an action takes is longer (a mail body is at most 32 KiB). */
    static final int MAX_CHARS = 40 * 1024;
    static final int MAX_ITEMS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern NUMBER_TEXT = Pattern.compile("[+-]?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})([eE][+-]?\\d{1,3})?");

    private final String schemaName;
    private final String expected;

    ParameterType(String schemaName, String expected) {
        this.schemaName = schemaName;
        this.expected = expected;
    }

    /** The name OpenAPI and Bedrock's function schema use, e.g. {@code integer}. */
    String schemaName() {
        return schemaName;
    }

    static ParameterType ofSchemaName(String name) {
        for (ParameterType t : values()) {
            if (t.schemaName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a Bedrock parameter type: " + name);
    }

    /**
     * The value as this type: {@code String}, {@code BigDecimal}, {@code Integer}, {@code Boolean} or
     * {@code List<String>}.
     *
     * @throws ActionRefusal naming the parameter, what arrived and what was expected
     */
    Object convert(String action, String parameter, String raw) {
        String value = raw.strip();
        if (value.length() > MAX_CHARS) {
            throw invalid(action, parameter, "is " + value.length() + " characters long",
                    "Give at most " + MAX_CHARS + " characters.");
        }
        switch (this) {
            case STRING:
                return value;
            case INTEGER:
                if (INTEGER_TEXT.matcher(value).matches()) {
                    return Integer.parseInt(value);
                }
                break;
            case NUMBER:
                if (NUMBER_TEXT.matcher(value).matches()) {
                    return new BigDecimal(value);
                }
                break;
            case BOOLEAN:
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) {
                    return Boolean.valueOf(lower);
                }
                break;
            case ARRAY:
                return list(action, parameter, value);
            default:
                break;
        }
        throw invalid(action, parameter, "must be " + expected + ", not " + ActionRefusal.quoted(value),
                "Call " + action + " again with " + parameter + " as " + expected + ".");
    }

    private List<String> list(String action, String parameter, String value) {
        List<String> items = new ArrayList<>();
        if (value.startsWith("[") && value.endsWith("]")) {
            JsonNode node = null;
            try {
                node = JSON.readTree(value);
            } catch (JsonProcessingException notJson) {
                // Bedrock also writes arrays as [a, b] without quotes.
            }
            if (node != null && node.isArray()) {
                for (JsonNode item : node) {
                    if (!item.isValueNode() || item.isNull()) {
                        throw invalid(action, parameter, "holds something that is not a plain value",
                                "Give " + parameter + " as " + expected + ".");
                    }
                    items.add(item.asText().strip());
                }
            } else {
                split(value.substring(1, value.length() - 1), items);
            }
        } else {
            split(value, items);
        }
        items.removeIf(String::isEmpty);
        if (items.size() > MAX_ITEMS) {
            throw invalid(action, parameter, "has " + items.size() + " items", "Give at most " + MAX_ITEMS + " items.");
        }
        return List.copyOf(items);
    }

    private static void split(String text, List<String> into) {
        for (String part : text.split(",", -1)) {
            String item = part.strip();
            if (item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
                    || item.startsWith("'") && item.endsWith("'"))) {
                item = item.substring(1, item.length() - 1).strip();
            }
            into.add(item);
        }
    }

    private static ActionRefusal invalid(String action, String parameter, String problem, String remedy) {
        return ActionRefusal.invalidParameter("The parameter " + parameter + " of " + action + " " + problem + ".",
                remedy);
    }
}
