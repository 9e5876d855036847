package dev.entrabridge.testing;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.SigningKey;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Signed JWTs for unit tests that need an assertion-shaped value, and the claims of any JWT. */
public final class Jwts {

    private static final SigningKey KEY = SigningKey.generate("unit-test");

    private Jwts() {
    }

    public static String jwt(String issuer, String subject, String audience, Instant issuedAt, Duration lifetime) {
        return KEY.sign(new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime))).build());
    }

    /** The claims of a token or assertion the test received (signature not checked). */
    public static Map<String, Object> claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}
