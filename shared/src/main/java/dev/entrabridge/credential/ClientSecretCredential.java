package dev.entrabridge.credential;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.entrabridge.config.CredentialSourceKind;

import java.util.Objects;
import java.util.Optional;

/** A client secret of the blueprint: for development only. {@link #toString()} never shows it. */
public final class ClientSecretCredential implements DevelopmentCredential {

    private final String secret;

    public ClientSecretCredential(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    @Override
    public IClientCredential msalCredential() {
        return ClientCredentialFactory.createFromSecret(secret);
    }

    /** The secret's end date lives on the blueprint (the health check reads it through Graph), not here. */
    @Override
    public Optional<LocalExpiry> localExpiry() {
        return Optional.empty();
    }

    @Override
    public CredentialSourceKind kind() {
        return CredentialSourceKind.CLIENT_SECRET;
    }

    @Override
    public String description() {
        return "client-secret (development only)";
    }

    @Override
    public String toString() {
        return "ClientSecretCredential[<redacted>]";
    }
}
