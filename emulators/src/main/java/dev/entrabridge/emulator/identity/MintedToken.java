package dev.entrabridge.emulator.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token a {@link ManagedIdentityTokenMinter} produced and when it expires.
 *
 * @param accessToken the token (never logged)
 * @param expiresOn   its {@code exp}
 */
public record MintedToken(String accessToken, Instant expiresOn) {

    public MintedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresOn, "expiresOn");
    }

    @Override
    public String toString() {
        return "MintedToken[expiresOn=" + expiresOn + "]";
    }
}
