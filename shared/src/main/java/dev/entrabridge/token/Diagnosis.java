package dev.entrabridge.token;

import java.util.Objects;

/**
 * Why a token could not be had, in words an operator can act on without a stack trace.
 *
 * <p>{@link #httpStatus()} is the one table from category to HTTP status that every adapter uses
 * (the HTTP contract, the Lambda Function URL and action groups, the Azure Function):
 *
 * <table>
 *   <caption>Diagnosis category to HTTP status</caption>
 *   <tr><th>category</th><th>status</th><th>why</th></tr>
 *   <tr><td>CALLER</td><td>400</td><td>the caller's input is wrong (e.g. an expired user token)</td></tr>
 *   <tr><td>CREDENTIAL</td><td>401</td><td>Entra refused the blueprint's credential</td></tr>
 *   <tr><td>CONFIGURATION</td><td>401</td><td>Entra refused the exchange because the FIC, client id or
 *       tenant is wrong (a tenant override other than the bridge's own included): a token request answers 401 when
 *       the credentials are wrong or no FIC matches</td></tr>
 *   <tr><td>PERMISSION</td><td>403</td><td>consent or an app role is missing on the agent identity</td></tr>
 *   <tr><td>DENIED</td><td>403</td><td>the bridge itself refuses: the caller policy denies it, or a Bedrock
 *       agent is not mapped to a configured agent</td></tr>
 *   <tr><td>NOT_FOUND</td><td>404</td><td>the caller named an agent or API that is not configured</td></tr>
 *   <tr><td>TRANSIENT</td><td>429 when throttled, else 503</td><td>retry after {@code Retry-After}</td></tr>
 *   <tr><td>BUG</td><td>502</td><td>Entra refused a request we built wrongly; never a 500 that hides it</td></tr>
 * </table>
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

    /**
     * The HTTP status for this diagnosis (the table above). Throttling is told from other transient
     * failures by its code ({@code …429…} or {@code …THROTTL…}).
     */
    public int httpStatus() {
        switch (category) {
            case CALLER:
                return 400;
            case CREDENTIAL:
            case CONFIGURATION:
                return 401;
            case PERMISSION:
            case DENIED:
                return 403;
            case NOT_FOUND:
                return 404;
            case TRANSIENT:
                return isThrottling() ? 429 : 503;
            case BUG:
            default:
                return 502;
        }
    }

    private boolean isThrottling() {
        return code.contains("429") || code.toUpperCase(java.util.Locale.ROOT).contains("THROTTL");
    }

    /** Broad classes of failure; {@link #httpStatus()} maps them to HTTP statuses. */
    public enum Category {
        /** Our or Entra's configuration is wrong (FIC, client id, tenant, scope). */
        CONFIGURATION,
        /** The credential itself was refused (bad secret, bad signature, expired assertion). */
        CREDENTIAL,
        /** Consent or role assignment missing. */
        PERMISSION,
        /** The caller's input is wrong (e.g. an expired user token). */
        CALLER,
        /** The bridge refuses the caller: its policy denies the request, or a Bedrock agent is not mapped. */
        DENIED,
        /** The caller named an agent or API that is not configured. */
        NOT_FOUND,
        /** Throttled, unavailable or timed out: retry later. */
        TRANSIENT,
        /** A defect on our side (e.g. a grant Entra does not support). */
        BUG
    }
}
