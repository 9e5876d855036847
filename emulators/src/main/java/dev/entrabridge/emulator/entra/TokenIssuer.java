package dev.entrabridge.emulator.entra;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Signs Entra tokens (v2, or v1 for a resource that accepts v1) with a tenant's key, adding the claims
 * every Entra token carries ({@code iss}, {@code tid}, {@code iat}/{@code nbf}/{@code exp}, {@code uti},
 * {@code ver}).
 */
final class TokenIssuer {

    private final Clock clock;

    TokenIssuer(Clock clock) {
        this.clock = clock;
    }

    static String issuer(Tenant tenant) {
        return EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + tenant.id() + "/v2.0";
    }

    /** The {@code iss} of the tenant's v1 tokens. */
    static String v1Issuer(Tenant tenant) {
        return "https://sts.windows.net/" + tenant.id() + "/";
    }

    /** Signs {@code claims} (which set aud, sub, oid, … themselves) as a v2 token for {@code lifetime} from now. */
    String sign(Tenant tenant, JWTClaimsSet.Builder claims, Duration lifetime) {
        return sign(tenant, claims, lifetime, TokenVersion.V2);
    }

    String sign(Tenant tenant, JWTClaimsSet.Builder claims, Duration lifetime, TokenVersion version) {
        Instant now = clock.instant();
        claims.issuer(version == TokenVersion.V1 ? v1Issuer(tenant) : issuer(tenant))
                .claim("tid", tenant.id())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("uti", uti())
                .claim("ver", version == TokenVersion.V1 ? "1.0" : "2.0");
        return tenant.signingKey().sign(claims.build());
    }

    /** Entra's {@code uti}: a short base64url unique token id. */
    private static String uti() {
        UUID id = UUID.randomUUID();
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (id.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (id.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
