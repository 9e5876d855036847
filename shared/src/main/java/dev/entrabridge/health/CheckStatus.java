package dev.entrabridge.health;

/** Outcome of one health check; the report's overall status is the worst of its checks. */
public enum CheckStatus {
    PASS, WARN, FAIL;

    /** The worse of the two. */
    public CheckStatus worst(CheckStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
