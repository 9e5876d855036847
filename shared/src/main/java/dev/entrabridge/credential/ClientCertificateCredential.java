package dev.entrabridge.credential;

import dev.entrabridge.config.CredentialSourceKind;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A certificate (and its private key) registered on the blueprint: for development only. */
public final class ClientCertificateCredential implements BlueprintCredential {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    public ClientCertificateCredential(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate credential needs its certificate");
        }
    }

    public PrivateKey privateKey() {
        return key;
    }

    /** Leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** When the leaf certificate expires (the health check warns ahead of it). */
    public Instant notAfter() {
        return chain.get(0).getNotAfter().toInstant();
    }

    @Override
    public CredentialSourceKind kind() {
        return CredentialSourceKind.CERTIFICATE;
    }

    @Override
    public String description() {
        return "certificate " + chain.get(0).getSubjectX500Principal().getName() + " (development only)";
    }

    @Override
    public String toString() {
        return "ClientCertificateCredential[" + description() + "]";
    }
}
