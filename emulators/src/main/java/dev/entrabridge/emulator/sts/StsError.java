package dev.entrabridge.emulator.sts;

/** An STS error answer: thrown inside the emulator and rendered as the Query-protocol ErrorResponse. */
final class StsError extends Exception {

    private final int status;
    private final String code;

    StsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static StsError validation(String message) {
        return new StsError(400, "ValidationError", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
