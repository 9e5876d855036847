package dev.entrabridge.testing;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.emulator.http.SigningKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signed JWTs for unit tests that need an assertion-shaped value. */
public final class Jwts {

    private static final SigningKey KEY = SigningKey.generate("unit-test");

    private Jwts() {
    }

    public static String jwt(String issuer, String subject, String audience, Instant issuedAt, Duration lifetime) {
        return KEY.sign(new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime))).build());
    }
}
