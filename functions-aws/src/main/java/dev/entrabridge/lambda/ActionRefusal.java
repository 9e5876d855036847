package dev.entrabridge.lambda;

import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

/**
 * The action group refuses an invocation before the core is asked: the event is malformed, names an
 * action or parameter the schemas do not have, or a value does not fit its type. Every refusal is a
 * {@link Diagnosis} whose cause and remedy are worded for the model that made the call; values are
 * quoted only when short and printable, so a refusal never echoes a pasted secret.
 */
final class ActionRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int QUOTE_LIMIT = 80;

    private final transient Diagnosis diagnosis;

    private ActionRefusal(Diagnosis diagnosis) {
        super(diagnosis.code() + ": " + diagnosis.cause(), null, false, false);
        this.diagnosis = diagnosis;
    }

    Diagnosis diagnosis() {
        return diagnosis;
    }

    static ActionRefusal missingParameter(String cause, String remedy) {
        return new ActionRefusal(new Diagnosis(Category.CALLER, "BEDROCK_MISSING_PARAMETER", cause, remedy));
    }

    static ActionRefusal invalidParameter(String cause, String remedy) {
        return new ActionRefusal(new Diagnosis(Category.CALLER, "BEDROCK_INVALID_PARAMETER", cause, remedy));
    }

    static ActionRefusal unknownParameter(String cause, String remedy) {
        return new ActionRefusal(new Diagnosis(Category.CALLER, "BEDROCK_UNKNOWN_PARAMETER", cause, remedy));
    }

    static ActionRefusal unknownAction(String cause, String remedy) {
        return new ActionRefusal(new Diagnosis(Category.NOT_FOUND, "BEDROCK_UNKNOWN_ACTION", cause, remedy));
    }

    /** Not an action-group event this handler can answer: nothing a model could change. */
    static ActionRefusal malformedEvent(String cause) {
        return new ActionRefusal(new Diagnosis(Category.BUG, "BEDROCK_MALFORMED_EVENT", cause,
                "Invoke this function only from an Amazon Bedrock agent's action group (messageVersion 1.0)."));
    }

    /** {@code 'value'} when it is short and printable, else a description of its length. */
    static String quoted(String value) {
        if (value.length() > QUOTE_LIMIT || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "(a value of " + value.length() + " characters)";
        }
        return "'" + value + "'";
    }
}
