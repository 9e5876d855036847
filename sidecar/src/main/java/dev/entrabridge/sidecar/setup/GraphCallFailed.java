package dev.entrabridge.sidecar.setup;

/** Graph refused or could not answer a setup request; the message holds Graph's error code and message and what to do. */
final class GraphCallFailed extends Exception {

    private static final long serialVersionUID = 1L;

    GraphCallFailed(String message) {
        super(message);
    }
}
