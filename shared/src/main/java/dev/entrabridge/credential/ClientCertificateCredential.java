package dev.entrabridge.credential;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.entrabridge.config.CredentialSourceKind;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A certificate (and its private key) registered on the blueprint: for development only. */
public final class ClientCertificateCredential implements DevelopmentCredential {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    public ClientCertificateCredential(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate credential needs its certificate");
        }
    }

    PrivateKey privateKey() {
        return key;
    }

    /** Leaf first. */
    List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public IClientCredential msalCredential() {
        return ClientCredentialFactory.createFromCertificateChain(key, chain);
    }

    /** The leaf certificate's end (the health check warns ahead of it). */
    @Override
    public Optional<LocalExpiry> localExpiry() {
        return Optional.of(new LocalExpiry(chain.get(0).getSubjectX500Principal().getName(),
                chain.get(0).getNotAfter().toInstant()));
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
