package dev.entrabridge.credential;

/**
 * Mints the federated assertion the blueprint presents in leg 1 ({@code client_assertion}).
 * Called for every exchange that reaches Entra: implementations may reuse an assertion only while
 * it is well inside its lifetime, and never capture one once at start-up (a captured assertion
 * expires and every later exchange fails with AADSTS700024).
 */
public interface ClientAssertionSource extends BlueprintCredential {

    /**
     * A currently valid assertion.
     *
     * @throws dev.entrabridge.token.AgentTokenException with a diagnosis when none can be had
     */
    ClientAssertion assertion();

    /** Forgets any reused assertion, so the next {@link #assertion()} mints a new one (after AADSTS700024). */
    void invalidate();
}
