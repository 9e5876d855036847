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
import java.util.Set;

/** Parsing, signature and lifetime checks shared by every assertion the token endpoint accepts. */
final class AssertionChecks {

    /** Entra tolerates this much clock difference on {@code exp} and {@code nbf}. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private AssertionChecks() {
    }

    /**
     * What a certificate client assertion may be signed with: Entra's certificate-credential document
     * names RS256 and PS256 (msal-node signs with PS256 and an {@code x5t#S256} header).
     */
    static final Set<JWSAlgorithm> CERTIFICATE_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    /** Parses an RS256 JWT, or refuses it with AADSTS50027 (invalid_client for client assertions, else invalid_grant). */
    static SignedJWT parse(String jwt, boolean client) {
        return parse(jwt, client, Set.of(JWSAlgorithm.RS256));
    }

    /** Parses a JWT signed with one of {@code algorithms}, else AADSTS50027. */
    static SignedJWT parse(String jwt, boolean client, Set<JWSAlgorithm> algorithms) {
        try {
            SignedJWT parsed = SignedJWT.parse(jwt);
            parsed.getJWTClaimsSet();
            requireAlgorithm(parsed, client, algorithms);
            return parsed;
        } catch (ParseException e) {
            throw malformed(client, "JWT token is invalid or malformed.");
        }
    }

    /** Refuses (AADSTS50027) a JWT whose {@code alg} is not one of {@code algorithms}. */
    static void requireAlgorithm(SignedJWT jwt, boolean client, Set<JWSAlgorithm> algorithms) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw malformed(client, "Invalid JWT token. '" + alg + "' is not a supported signature algorithm; "
                    + (algorithms.size() == 1 ? "only " + algorithms.iterator().next() + " is."
                    : "supported: " + algorithms.stream().map(JWSAlgorithm::getName).sorted().toList() + "."));
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
