package dev.entrabridge.credential;

import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Diagnosis.Category;

import java.time.Duration;

/** The typed failures of credential sources: each says what is wrong and what to do. */
final class CredentialFailures {

    private CredentialFailures() {
    }

    static AgentTokenException of(Category category, String code, String cause, String remedy, Throwable t) {
        return new AgentTokenException(new Diagnosis(category, code, cause, remedy), null, null, t);
    }

    static AgentTokenException transientFailure(String code, String cause, String remedy, Duration retryAfter,
                                                Throwable t) {
        return new AgentTokenException(new Diagnosis(Category.TRANSIENT, code, cause, remedy), null, retryAfter, t);
    }

    /** Maps STS error codes (AWS STS {@code GetWebIdentityToken} errors) to diagnoses. */
    static AgentTokenException sts(String errorCode, int status, int durationSeconds, String audience, Throwable t) {
        String code = errorCode == null ? "STS_HTTP_" + status : errorCode;
        switch (code) {
            case "OutboundWebIdentityFederationDisabledException":
                return of(Category.CONFIGURATION, code,
                        "Outbound web identity federation is not enabled for this AWS account, so STS issues no token.",
                        "Run 'aws iam enable-outbound-web-identity-federation' once in the account, then set the "
                                + "blueprint FIC issuer to the IssuerIdentifier it reports.", t);
            case "AccessDenied":
            case "AccessDeniedException":
                return of(Category.PERMISSION, code,
                        "The AWS role may not call sts:GetWebIdentityToken with this audience, duration or algorithm.",
                        "Allow sts:GetWebIdentityToken on * for the role with conditions sts:IdentityTokenAudience = "
                                + audience + ", sts:DurationSeconds <= " + durationSeconds
                                + " and sts:SigningAlgorithm = RS256.", t);
            case "SessionDurationEscalationException":
                return of(Category.CONFIGURATION, code,
                        "The requested token lifetime exceeds what the role's policy or session allows.",
                        "Lower BRIDGE_STS_TOKEN_DURATION_SECONDS (default 300) or raise the policy's sts:DurationSeconds limit.", t);
            case "JWTPayloadSizeExceededException":
            case "JwtPayloadSizeExceededException":
                return of(Category.CONFIGURATION, code,
                        "The web identity token would exceed STS's size limit (too many session or principal tags).",
                        "Reduce the role's principal tags or the session tags passed to the function.", t);
            case "Throttling":
            case "ThrottlingException":
            case "RequestLimitExceeded":
                return transientFailure(code, "STS throttled the GetWebIdentityToken call.",
                        "Retry shortly; if it persists, raise the account's STS request quota.", null, t);
            case "InvalidClientTokenId":
            case "SignatureDoesNotMatch":
            case "ExpiredToken":
                return of(Category.CREDENTIAL, code,
                        "STS refused the workload's own AWS credentials when asked for a web identity token.",
                        "Check the function's execution role credentials (default provider chain) and the AWS_REGION.", t);
            default:
                if (status >= 500 || status == 429) {
                    return transientFailure(code, "STS is unavailable (HTTP " + status + ").",
                            "Retry shortly; check the AWS Health Dashboard for the region.", null, t);
                }
                return of(Category.CREDENTIAL, code, "STS refused GetWebIdentityToken (HTTP " + status + ").",
                        "Check the execution role's sts:GetWebIdentityToken permission and the account's outbound federation.", t);
        }
    }
}
