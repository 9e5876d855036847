package dev.entrabridge.graph;

import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

/**
 * Refusals of an operation's input, worded for whoever supplied it (often a model): the parameter,
 * what is wrong with it, and what a valid value looks like. Values are quoted only when short and
 * printable, so a refusal never echoes a pasted token or a megabyte of text.
 */
final class InvalidInput {

    static final String CODE = "GRAPH_INVALID_INPUT";
    private static final int QUOTE_LIMIT = 80;

    private InvalidInput() {
    }

    static GraphException of(String parameter, String problem, String remedy) {
        return new GraphException(new Diagnosis(Category.CALLER, CODE, parameter + " " + problem, remedy));
    }

    /** {@code 'value'} when it is short and printable, else a description of its length. */
    static String quoted(String value) {
        if (value.length() > QUOTE_LIMIT || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "(a value of " + value.length() + " characters)";
        }
        return "'" + value + "'";
    }

    static String required(String value, String parameter, String example) {
        if (value == null || value.isBlank()) {
            throw of(parameter, "is missing", "Give " + parameter + ", e.g. " + example + ".");
        }
        return value.trim();
    }
}
