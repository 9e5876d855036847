package dev.entrabridge.emulator.identity;

/**
 * Where the managed identity emulator gets its tokens from: the Entra emulator in end-to-end tests
 * (tokens Entra will accept as a FIC assertion), or any OIDC issuer in isolated tests.
 */
@FunctionalInterface
public interface ManagedIdentityTokenMinter {

    /**
     * @param resource the requested resource as sent (e.g. {@code api://AzureADTokenExchange}); becomes {@code aud}
     * @param identity the selected managed identity
     * @return the access token and its expiry
     */
    MintedToken mint(String resource, ManagedIdentity identity);
}
