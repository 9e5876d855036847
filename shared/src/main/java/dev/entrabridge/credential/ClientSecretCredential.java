package dev.entrabridge.credential;

import dev.entrabridge.config.CredentialSourceKind;

import java.util.Objects;

/** A client secret of the blueprint: for development only. {@link #toString()} never shows it. */
public final class ClientSecretCredential implements BlueprintCredential {

    private final String secret;

    public ClientSecretCredential(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** The secret, for the MSAL credential only. */
    public String secret() {
        return secret;
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
