package dev.entrabridge.emulator.lambda;

/**
 * The runtime's state as Lambda's Runtime API tracks it, with the names its
 * {@code InvalidStateTransition} messages use.
 */
enum RuntimeState {
    /** Started and initialising; no invocation taken yet. */
    STARTED("Started"),
    /** Reported {@code /init/error}: nothing more is allowed. */
    INIT_ERROR("InitError"),
    /** Holding an invocation (taken from {@code /next}, not yet answered). */
    READY("Ready"),
    /** Target state names used only in refusals. */
    INVOCATION_RESPONSE("InvocationResponse"),
    INVOCATION_ERROR_RESPONSE("InvocationErrorResponse"),
    /** Answered the last invocation; the next {@code /next} waits for another. */
    RESPONSE_SENT("RuntimeResponseSentState");

    private final String apiName;

    RuntimeState(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }
}
