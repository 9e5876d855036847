package dev.entrabridge.credential;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The claims of an assertion that a federated identity credential must match exactly: issuer,
 * subject and audience, plus its validity window. Safe to log and report (no signature, no token).
 *
 * @param issuer    {@code iss}
 * @param subject   {@code sub}
 * @param audience  {@code aud} values
 * @param issuedAt  {@code iat}, or {@code null} when absent
 * @param expiresAt {@code exp}
 */
public record AssertionClaims(String issuer, String subject, List<String> audience, Instant issuedAt,
                              Instant expiresAt) {

    public AssertionClaims {
        audience = List.copyOf(audience);
    }

    /** The claims of {@code jwt}, or empty when it is not a JWT with an {@code exp}. */
    public static Optional<AssertionClaims> tryParse(String jwt) {
        try {
            JWTClaimsSet c = JWTParser.parse(jwt).getJWTClaimsSet();
            if (c.getExpirationTime() == null) {
                return Optional.empty();
            }
            return Optional.of(new AssertionClaims(c.getIssuer(), c.getSubject(),
                    c.getAudience() == null ? List.of() : c.getAudience(),
                    c.getIssueTime() == null ? null : c.getIssueTime().toInstant(),
                    c.getExpirationTime().toInstant()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
