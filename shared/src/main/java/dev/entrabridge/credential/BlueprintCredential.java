package dev.entrabridge.credential;

import com.microsoft.aad.msal4j.IClientCredential;
import dev.entrabridge.config.CredentialSourceKind;

import java.util.Optional;

/**
 * What proves the agent identity blueprint's identity to Entra in leg 1: a federated assertion
 * ({@link ClientAssertionSource}) or, for development, a {@link ClientSecretCredential} or
 * {@link ClientCertificateCredential}. Each kind carries its own behaviour, so no caller needs to
 * ask which kind it holds.
 */
public sealed interface BlueprintCredential permits ClientAssertionSource, DevelopmentCredential {

    CredentialSourceKind kind();

    /** A short, secret-free description for logs and health reports, e.g. {@code aws-sts (us-east-1)}. */
    String description();

    /**
     * The credential MSAL presents in leg 1. For an assertion source it is a callback, never a
     * value: MSAL asks for the assertion each time leg 1 goes to the network.
     */
    IClientCredential msalCredential();

    /** Forgets any reused assertion, so the next exchange presents a new one (after AADSTS700024). */
    void invalidate();

    /**
     * A newly minted assertion (any reused one is forgotten first), for the health check to report
     * the values the blueprint's FIC must hold; empty for development credentials, which have none.
     *
     * @throws dev.entrabridge.token.AgentTokenException with a diagnosis when none can be minted
     */
    Optional<ClientAssertion> freshAssertion();

    /** When a credential held here (a certificate) expires; empty when nothing local expires. */
    Optional<LocalExpiry> localExpiry();

    /**
     * A credential held by this process that expires.
     *
     * @param name     what it is, e.g. the certificate's subject
     * @param notAfter when it stops being accepted
     */
    record LocalExpiry(String name, java.time.Instant notAfter) {
    }
}
