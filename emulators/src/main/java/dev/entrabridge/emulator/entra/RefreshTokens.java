package dev.entrabridge.emulator.entra;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The refresh tokens Entra hands out with delegated tokens when {@code offline_access} is asked for:
 * opaque, bound to the client they were issued to and the user, valid for 90 days (Entra's default
 * inactive lifetime), redeemed by {@code grant_type=refresh_token}.
 */
final class RefreshTokens {

    /** Who a refresh token speaks for. */
    record Grant(String tenantId, String clientAppId, String userOid, String upn, boolean agentUser,
                 boolean publicClient, Instant expiry) {
    }

    private static final Duration LIFETIME = Duration.ofDays(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    RefreshTokens(Clock clock) {
        this.clock = clock;
    }

    String issue(String tenantId, String clientAppId, String userOid, String upn, boolean agentUser,
                 boolean publicClient) {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        // Entra's refresh tokens are opaque; the "1.A" prefix is only a resemblance.
        String token = "1.A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(tenantId, clientAppId, userOid, upn, agentUser, publicClient,
                clock.instant().plus(LIFETIME)));
        return token;
    }

    /** The grant of {@code token} for {@code clientAppId} of {@code tenantId}, or Entra's refusal. */
    Grant redeem(String token, String tenantId, String clientAppId) {
        Grant grant = Optional.ofNullable(grants.get(token)).filter(g -> g.tenantId().equals(tenantId))
                .orElseThrow(() -> EntraError.invalidGrant(9002313, "Invalid request. Request is malformed or invalid."
                        + " [Reason - The refresh token is not one this tenant issued.]"));
        if (!grant.clientAppId().equals(clientAppId)) {
            throw EntraError.invalidGrant(70000, "Provided grant is invalid or malformed. [Reason - The refresh token"
                    + " was issued to another client.]");
        }
        if (clock.instant().isAfter(grant.expiry())) {
            grants.remove(token);
            throw EntraError.invalidGrant(700082, "The refresh token has expired due to inactivity. The token was"
                    + " issued on " + grant.expiry().minus(LIFETIME) + " and was inactive for " + LIFETIME.toDays()
                    + " days.");
        }
        // Entra answers a new refresh token too, but the redeemed one stays valid until it expires.
        return grant;
    }
}
