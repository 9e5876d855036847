package dev.entrabridge.credential;

import dev.entrabridge.config.CredentialSourceKind;

/**
 * What proves the agent identity blueprint's identity to Entra in leg 1: a federated assertion
 * ({@link ClientAssertionSource}) or, for development, a {@link ClientSecretCredential} or
 * {@link ClientCertificateCredential}.
 */
public interface BlueprintCredential {

    CredentialSourceKind kind();

    /** A short, secret-free description for logs and health reports, e.g. {@code aws-sts (us-east-1)}. */
    String description();
}
