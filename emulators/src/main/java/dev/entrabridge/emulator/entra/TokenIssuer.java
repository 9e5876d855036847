package dev.entrabridge.emulator.entra;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Signs Entra tokens with a tenant's key, adding the claims every Entra token carries
 * ({@code iss} and {@code ver} of the token's format, {@code tid}, {@code iat}/{@code nbf}/{@code exp},
 * {@code uti}).
 */
final class TokenIssuer {

    private final Clock clock;

    TokenIssuer(Clock clock) {
        this.clock = clock;
    }

    /** The v2 issuer, the one of the tokens the tenant issues for itself (T1, exchange tokens). */
    static String issuer(Tenant tenant) {
        return TokenFormat.V2.issuer(tenant.id());
    }

    /** Signs {@code claims} (which set aud, sub, oid, … themselves) as a v2 token for {@code lifetime} from now. */
    String sign(Tenant tenant, JWTClaimsSet.Builder claims, Duration lifetime) {
        return sign(tenant, claims, lifetime, TokenFormat.V2);
    }

    /** Signs {@code claims} in {@code format} for {@code lifetime} from now. */
    String sign(Tenant tenant, JWTClaimsSet.Builder claims, Duration lifetime, TokenFormat format) {
        Instant now = clock.instant();
        claims.issuer(format.issuer(tenant.id()))
                .claim("tid", tenant.id())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("uti", uti())
                .claim("ver", format.version());
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
