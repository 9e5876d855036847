package dev.entrabridge.emulator.entra;

import java.time.Instant;

/**
 * A client secret (password credential) of an application.
 *
 * @param value  the secret text a client sends as {@code client_secret}
 * @param expiry its {@code endDateTime}
 */
public record ClientSecret(String value, Instant expiry) {

    @Override
    public String toString() {
        return "ClientSecret[expiry=" + expiry + "]";
    }
}
