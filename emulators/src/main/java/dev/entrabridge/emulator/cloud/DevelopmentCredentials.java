package dev.entrabridge.emulator.cloud;

import dev.entrabridge.emulator.entra.BlueprintApp;
import dev.entrabridge.emulator.http.GeneratedCertificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The blueprint's development-only credentials ({@link EmulatedCloud.Builder#developmentCredentials()}):
 * a client secret and a self-signed certificate, both registered on the blueprint and valid for
 * {@link #LIFETIME}, well beyond any expiry warning.
 *
 * @param secret       the client secret's value
 * @param secretExpiry when the secret ends
 * @param certificate  the key pair and certificate registered as the blueprint's certificate credential
 */
public record DevelopmentCredentials(String secret, Instant secretExpiry, GeneratedCertificate certificate) {

    public static final Duration LIFETIME = Duration.ofDays(180);

    static DevelopmentCredentials addTo(BlueprintApp blueprint, String secret, Clock clock) {
        Instant end = clock.instant().plus(LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        GeneratedCertificate certificate = GeneratedCertificate.selfSigned("bridge-dev-certificate", end);
        blueprint.secret(secret, end).certificate(certificate.certificate());
        return new DevelopmentCredentials(secret, end, certificate);
    }
}
