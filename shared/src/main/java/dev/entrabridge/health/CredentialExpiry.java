package dev.entrabridge.health;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret, key or certificate with an end date, as the blueprint or the local configuration holds it.
 *
 * @param kind        {@code password}, {@code key} or {@code certificate}
 * @param displayName how an operator finds it (portal display name, file, thumbprint)
 * @param endsAt      when it stops working
 */
record CredentialExpiry(String kind, String displayName, Instant endsAt) {

    public CredentialExpiry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endsAt, "endsAt");
        displayName = displayName == null || displayName.isBlank() ? "(unnamed)" : displayName;
    }
}
