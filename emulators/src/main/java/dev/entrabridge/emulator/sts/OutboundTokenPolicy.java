package dev.entrabridge.emulator.sts;

import java.util.Set;

/**
 * The emulated identity policy for {@code sts:GetWebIdentityToken}: the conditions AWS documents
 * ({@code sts:IdentityTokenAudience}, {@code sts:DurationSeconds}, {@code sts:SigningAlgorithm}) and
 * whether the action is allowed at all. Violations answer {@code AccessDenied}.
 *
 * @param actionAllowed      false when no policy grants {@code sts:GetWebIdentityToken}
 * @param allowedAudiences   every requested audience must be in this set (empty: any)
 * @param maxDurationSeconds {@code NumericLessThanEquals sts:DurationSeconds} (0: no condition)
 * @param allowedAlgorithm   {@code StringEquals sts:SigningAlgorithm} (null: any)
 * @param taggingAllowed     whether {@code sts:TagGetWebIdentityToken} is granted (needed to send Tags)
 */
public record OutboundTokenPolicy(boolean actionAllowed, Set<String> allowedAudiences, int maxDurationSeconds,
                                  String allowedAlgorithm, boolean taggingAllowed) {

    public OutboundTokenPolicy {
        allowedAudiences = allowedAudiences == null ? Set.of() : Set.copyOf(allowedAudiences);
    }

    public static OutboundTokenPolicy allowAll() {
        return new OutboundTokenPolicy(true, Set.of(), 0, null, true);
    }

    public static OutboundTokenPolicy denyAll() {
        return new OutboundTokenPolicy(false, Set.of(), 0, null, false);
    }

    /**
     * A least-privilege outbound identity federation policy: these audiences, at most
     * {@code maxDuration} s, one algorithm, and no {@code sts:TagGetWebIdentityToken}.
     */
    public static OutboundTokenPolicy restrictedTo(Set<String> audiences, int maxDuration, String algorithm) {
        return new OutboundTokenPolicy(true, audiences, maxDuration, algorithm, false);
    }

    /** Null when allowed, else which condition failed (for the AccessDenied message). */
    String violation(java.util.List<String> audiences, int durationSeconds, String algorithm, boolean tagged) {
        if (!actionAllowed) {
            return "no identity-based policy allows the sts:GetWebIdentityToken action";
        }
        if (tagged && !taggingAllowed) {
            return "no identity-based policy allows the sts:TagGetWebIdentityToken action";
        }
        if (!allowedAudiences.isEmpty() && !allowedAudiences.containsAll(audiences)) {
            return "the sts:IdentityTokenAudience condition of the identity-based policy is not satisfied";
        }
        if (maxDurationSeconds > 0 && durationSeconds > maxDurationSeconds) {
            return "the sts:DurationSeconds condition of the identity-based policy is not satisfied";
        }
        if (allowedAlgorithm != null && !allowedAlgorithm.equals(algorithm)) {
            return "the sts:SigningAlgorithm condition of the identity-based policy is not satisfied";
        }
        return null;
    }
}
