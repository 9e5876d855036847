package dev.entrabridge.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The claims of a minted assertion that a federated identity credential must match. Never holds
 * the assertion itself.
 *
 * @param issuer    {@code iss}
 * @param subject   {@code sub}
 * @param audiences {@code aud}
 * @param keyId     the JWS header {@code kid} (to look for in the issuer's JWKS), or {@code null}
 * @param expiresAt {@code exp}
 */
record AssertionIdentity(String issuer, String subject, List<String> audiences, String keyId,
                                Instant expiresAt) {

    public AssertionIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        audiences = List.copyOf(audiences);
    }
}
