package dev.entrabridge.credential;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed assertion (a JWT) and what the bridge knows of its lifetime. {@link #toString()} never
 * shows the value.
 *
 * @param value     the compact JWT
 * @param expiresAt its expiry, from the issuer's response or the {@code exp} claim
 */
public record ClientAssertion(String value, Optional<Instant> expiresAt) {

    public ClientAssertion {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** An assertion whose expiry is read from its own {@code exp} claim (if it is a JWT). */
    public static ClientAssertion fromJwt(String jwt) {
        String trimmed = jwt.trim();
        return new ClientAssertion(trimmed, AssertionClaims.tryParse(trimmed).map(AssertionClaims::expiresAt));
    }

    /**
     * The claims Entra matches against the blueprint's federated identity credential. Read without
     * verifying the signature: the bridge only reports them, Entra verifies.
     */
    public Optional<AssertionClaims> claims() {
        return AssertionClaims.tryParse(value);
    }

    @Override
    public String toString() {
        return "ClientAssertion[value=<redacted>, expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
