package dev.entrabridge.credential;

import java.util.Optional;

/**
 * A secret or certificate the blueprint holds for development: nothing is minted or reused, so there is
 * no assertion to report and nothing to forget between exchanges.
 */
sealed interface DevelopmentCredential extends BlueprintCredential permits ClientSecretCredential,
        ClientCertificateCredential {

    /** Nothing to forget: the same secret or key serves every exchange. */
    @Override
    default void invalidate() {
    }

    @Override
    default Optional<ClientAssertion> freshAssertion() {
        return Optional.empty();
    }
}
