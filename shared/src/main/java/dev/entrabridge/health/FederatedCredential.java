package dev.entrabridge.health;

import java.util.List;
import java.util.Objects;

/**
 * A federated identity credential as the blueprint holds it (Graph {@code federatedIdentityCredential}).
 *
 * @param name      its display name
 * @param issuer    the issuer it trusts, compared exactly
 * @param subject   the subject it trusts, compared exactly
 * @param audiences its audiences (Entra allows exactly one)
 */
record FederatedCredential(String name, String issuer, String subject, List<String> audiences) {

    public FederatedCredential {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        audiences = List.copyOf(audiences);
    }
}
