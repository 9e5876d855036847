package dev.entrabridge.emulator.sts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AWS caller the STS emulator knows: the credentials it signs with and who it is (for a Lambda,
 * the execution role's session).
 *
 * @param accessKeyId              the access key id in the SigV4 credential scope
 * @param secretAccessKey          the secret the signature is recomputed with
 * @param sessionToken             required {@code X-Amz-Security-Token}, or null for long-term keys
 * @param roleArn                  the role ARN the caller is; becomes the token's {@code sub}
 * @param accountId                the 12-digit account id ({@code aws_account})
 * @param region                   the caller's region ({@code source_region})
 * @param sessionExpiry            when the caller's session ends (null: no limit); a token may not outlive it
 * @param principalTags            the role's tags ({@code principal_tags})
 * @param lambdaSourceFunctionArn  the calling Lambda function's ARN, or null
 * @param policy                   the emulated IAM policy for {@code sts:GetWebIdentityToken}
 * @param originIdentity           the session's trusted identity propagation context, or null (none)
 */
public record StsPrincipal(String accessKeyId, String secretAccessKey, String sessionToken, String roleArn,
                           String accountId, String region, Instant sessionExpiry,
                           Map<String, String> principalTags, String lambdaSourceFunctionArn,
                           OutboundTokenPolicy policy, OriginIdentity originIdentity) {

    public StsPrincipal {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(roleArn, "roleArn");
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits: " + accountId);
        }
        Objects.requireNonNull(region, "region");
        principalTags = principalTags == null ? Map.of() : Map.copyOf(principalTags);
        policy = policy == null ? OutboundTokenPolicy.allowAll() : policy;
    }

    /** A long-term-key principal with no tags, no session limit and an allow-all policy. */
    public static StsPrincipal of(String accessKeyId, String secretAccessKey, String roleArn, String accountId,
                                  String region) {
        return new StsPrincipal(accessKeyId, secretAccessKey, null, roleArn, accountId, region, null, Map.of(),
                null, OutboundTokenPolicy.allowAll(), null);
    }

    public StsPrincipal withSessionToken(String token, Instant expiry) {
        return new StsPrincipal(accessKeyId, secretAccessKey, token, roleArn, accountId, region, expiry,
                principalTags, lambdaSourceFunctionArn, policy, originIdentity);
    }

    public StsPrincipal withLambdaFunction(String functionArn) {
        return new StsPrincipal(accessKeyId, secretAccessKey, sessionToken, roleArn, accountId, region,
                sessionExpiry, principalTags, functionArn, policy, originIdentity);
    }

    public StsPrincipal withPrincipalTags(Map<String, String> tags) {
        return new StsPrincipal(accessKeyId, secretAccessKey, sessionToken, roleArn, accountId, region,
                sessionExpiry, tags, lambdaSourceFunctionArn, policy, originIdentity);
    }

    public StsPrincipal withPolicy(OutboundTokenPolicy newPolicy) {
        return new StsPrincipal(accessKeyId, secretAccessKey, sessionToken, roleArn, accountId, region,
                sessionExpiry, principalTags, lambdaSourceFunctionArn, newPolicy, originIdentity);
    }

    /** A session carrying a trusted identity propagation context (e.g. from an identity-enhanced role session). */
    public StsPrincipal withOriginIdentity(OriginIdentity origin) {
        return new StsPrincipal(accessKeyId, secretAccessKey, sessionToken, roleArn, accountId, region,
                sessionExpiry, principalTags, lambdaSourceFunctionArn, policy, origin);
    }

    Optional<OriginIdentity> originIdentityIfAny() {
        return Optional.ofNullable(originIdentity);
    }

    Optional<Instant> sessionExpiryIfAny() {
        return Optional.ofNullable(sessionExpiry);
    }

    @Override
    public String toString() {
        // Never print the secret or session token.
        return "StsPrincipal[" + accessKeyId + " as " + roleArn + "]";
    }
}
