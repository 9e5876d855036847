package dev.entrabridge.token;

import java.util.Objects;

/**
 * Why a token could not be had, in words an operator can act on without a stack trace.
 *
 * @param category what kind of problem it is
 * @param code     the AADSTS code (e.g. {@code AADSTS70021}), an STS error code, or a bridge code
 *                 such as {@code BRIDGE_UNKNOWN_AGENT}
 * @param cause    one sentence: what is wrong
 * @param remedy   one sentence: what to do
 */
public record Diagnosis(Category category, String code, String cause, String remedy) {

    public Diagnosis {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(remedy, "remedy");
    }

    /** Broad classes of failure; adapters map them to HTTP statuses. */
    public enum Category {
        /** Our or Entra's configuration is wrong (FIC, client id, tenant, scope). */
        CONFIGURATION,
        /** The credential itself was refused (bad secret, bad signature, expired assertion). */
        CREDENTIAL,
        /** Consent or role assignment missing. */
        PERMISSION,
        /** The caller's input is wrong (expired user token, unknown agent). */
        CALLER,
        /** Throttled, unavailable or timed out: retry later. */
        TRANSIENT,
        /** A defect on our side (e.g. a grant Entra does not support). */
        BUG
    }
}
