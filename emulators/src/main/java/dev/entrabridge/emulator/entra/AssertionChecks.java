package dev.entrabridge.emulator.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Parsing, signature and lifetime checks shared by every assertion the token endpoint accepts. */
final class AssertionChecks {

    /** Entra tolerates this much clock difference on {@code exp} and {@code nbf}. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private AssertionChecks() {
    }

    /** Parses an RS256 JWT, or refuses it with AADSTS50027 (invalid_client for client assertions, else invalid_grant). */
    static SignedJWT parse(String jwt, boolean client) {
        try {
            SignedJWT parsed = SignedJWT.parse(jwt);
            parsed.getJWTClaimsSet();
            if (!JWSAlgorithm.RS256.equals(parsed.getHeader().getAlgorithm())) {
                throw malformed(client, "Invalid JWT token. '" + parsed.getHeader().getAlgorithm()
                        + "' is not a supported signature algorithm; only RS256 is.");
            }
            return parsed;
        } catch (ParseException e) {
            throw malformed(client, "JWT token is invalid or malformed.");
        }
    }

    private static EntraError malformed(boolean client, String text) {
        return client ? EntraError.invalidClient(50027, text) : EntraError.invalidGrant(50027, text);
    }

    static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw EntraError.invalidClient(50027, "JWT token is invalid or malformed.");
        }
    }

    static boolean verifies(SignedJWT jwt, RSAPublicKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    /** True when now is within [nbf - skew, exp + skew]; a missing exp is never valid. */
    static boolean withinValidity(JWTClaimsSet claims, Instant now) {
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(SKEW))) {
            return false;
        }
        return nbf == null || !now.isBefore(nbf.toInstant().minus(SKEW));
    }

    /** AADSTS700024 with Entra's wording. */
    static EntraError outsideValidity(JWTClaimsSet claims, Instant now) {
        Date nbf = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : claims.getIssueTime();
        return EntraError.invalidClient(700024, "Client assertion is not within its valid time range. Current time: "
                + now + ", assertion valid from " + (nbf == null ? "(none)" : nbf.toInstant()) + ", expiry time of assertion "
                + (claims.getExpirationTime() == null ? "(none)" : claims.getExpirationTime().toInstant()) + ".");
    }

    static String audience(JWTClaimsSet claims) {
        List<String> aud = claims.getAudience();
        return aud == null || aud.isEmpty() ? "" : aud.get(0);
    }

    static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? null : value.toString();
    }
}
