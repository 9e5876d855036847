package dev.entrabridge.credential;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;

import java.util.Optional;

/**
 * Mints the federated assertion the blueprint presents in leg 1 ({@code client_assertion}).
 * Called for every exchange that reaches Entra: implementations may reuse an assertion only while
 * it is well inside its lifetime, and never capture one once at start-up (a captured assertion
 * expires and every later exchange fails with AADSTS700024).
 */
public sealed interface ClientAssertionSource extends BlueprintCredential permits AwsWebIdentityTokenSource,
        TokenFileAssertionSource, GcpMetadataIdentitySource, ManagedIdentityAssertionSource {

    /**
     * A currently valid assertion.
     *
     * @throws dev.entrabridge.token.AgentTokenException with a diagnosis when none can be had
     */
    ClientAssertion assertion();

    @Override
    default IClientCredential msalCredential() {
        return ClientCredentialFactory.createFromCallback(() -> assertion().value());
    }

    @Override
    default Optional<ClientAssertion> freshAssertion() {
        invalidate();
        return Optional.of(assertion());
    }

    @Override
    default Optional<LocalExpiry> localExpiry() {
        return Optional.empty();
    }
}
