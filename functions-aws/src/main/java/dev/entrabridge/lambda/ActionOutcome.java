package dev.entrabridge.lambda;

import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

import java.util.Objects;
import java.util.Optional;

/**
 * What one invocation came to, before it is put in the event's form: the JSON the operation returned,
 * or the diagnosis of why it did not run, with the HTTP status an OpenAPI reply carries and whether a
 * function-details reply asks the model to try again ({@code REPROMPT}) or ends the session
 * ({@code FAILURE}).
 *
 * @param httpStatus the OpenAPI {@code httpStatusCode}
 * @param state      the function-details {@code responseState}; empty on success
 * @param json       the operation's JSON on success, else {@code null}
 * @param diagnosis  why it did not run, else {@code null}
 */
record ActionOutcome(int httpStatus, Optional<ResponseState> state, String json, Diagnosis diagnosis) {

    /** Bedrock's {@code responseState}. */
    enum ResponseState { REPROMPT, FAILURE }

    /** Who refused: it decides whether the model can do anything about it. */
    enum Source {
        /** The action's input (ours, or the core's validation before Graph is called). */
        INPUT,
        /** Microsoft Graph answered with an error. */
        GRAPH,
        /** No token: the caller policy, the Bedrock agent mapping, Entra or STS refused. */
        ISSUANCE
    }

    ActionOutcome {
        Objects.requireNonNull(state, "state");
        if ((json == null) == (diagnosis == null)) {
            throw new IllegalArgumentException("an outcome is either a result or a refusal");
        }
    }

    static ActionOutcome ok(String json) {
        return new ActionOutcome(200, Optional.empty(), json, null);
    }

    /**
     * A refusal. The model is asked again when it can change something — its input, which user or path
     * it names, or telling the user which permission is missing — and the session fails when a
     * dependency (Entra, STS, Graph's availability, this deployment's configuration) did. Unlike the
     * HTTP contract, an Entra or STS misconfiguration is a 502 here: to the agent it is a failed
     * dependency, not its own credentials.
     */
    static ActionOutcome refused(Diagnosis d, Source source) {
        Category c = d.category();
        boolean modelCanAct = source != Source.ISSUANCE
                && (c == Category.CALLER || c == Category.NOT_FOUND || c == Category.PERMISSION);
        return new ActionOutcome(status(d), Optional.of(modelCanAct ? ResponseState.REPROMPT : ResponseState.FAILURE),
                null, d);
    }

    private static int status(Diagnosis d) {
        switch (d.category()) {
            case CALLER:
                return d.code().equals("GRAPH_NOT_FOUND") || d.code().equals("GRAPH_NO_MAILBOX") ? 404 : 400;
            case NOT_FOUND:
                return 404;
            case PERMISSION:
            case DENIED:
                return 403;
            case TRANSIENT:
                return d.httpStatus();
            case CONFIGURATION:
            case CREDENTIAL:
            case BUG:
            default:
                return 502;
        }
    }

    /** One line for the model: what is wrong, what to do, and the code an operator searches for. */
    String sentence() {
        return diagnosis.cause() + " " + diagnosis.remedy() + " (" + diagnosis.code() + ")";
    }
}
