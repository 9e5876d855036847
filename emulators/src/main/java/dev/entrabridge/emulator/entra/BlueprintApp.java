package dev.entrabridge.emulator.entra;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent identity blueprint application: its client secrets, certificates and federated
 * identity credentials, with Entra's limits on the latter enforced when they are added.
 */
public final class BlueprintApp {

    /** Entra's cap on federated identity credentials per application. */
    public static final int MAX_FEDERATED_CREDENTIALS = 20;

    private final String appId;
    private final String objectId;
    private final Clock clock;
    private final List<ClientSecret> secrets = new CopyOnWriteArrayList<>();
    private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();
    private final List<FederatedIdentityCredential> federatedCredentials = new CopyOnWriteArrayList<>();

    BlueprintApp(String appId, String objectId, Clock clock) {
        this.appId = appId;
        this.objectId = objectId;
        this.clock = clock;
    }

    public String appId() {
        return appId;
    }

    public String objectId() {
        return objectId;
    }

    /** Adds a client secret valid until {@code expiry}. */
    public BlueprintApp secret(String value, Instant expiry) {
        secrets.add(new ClientSecret(value, expiry));
        return this;
    }

    /** Registers a certificate whose key may sign client assertions. */
    public BlueprintApp certificate(X509Certificate certificate) {
        certificates.add(certificate);
        return this;
    }

    /**
     * Adds a federated identity credential, created now (by the directory's clock).
     *
     * @throws IllegalArgumentException for a second credential with the same issuer and subject or name
     * @throws IllegalStateException    when the blueprint already has {@value #MAX_FEDERATED_CREDENTIALS}
     */
    public synchronized BlueprintApp federatedCredential(String name, String issuer, String subject, String audience) {
        return federatedCredential(name, issuer, subject, List.of(audience));
    }

    /** As {@link #federatedCredential(String, String, String, String)}; Entra requires exactly one audience. */
    public synchronized BlueprintApp federatedCredential(String name, String issuer, String subject, List<String> audiences) {
        if (audiences.size() != 1) {
            throw new IllegalArgumentException("a federated identity credential needs exactly one audience, got "
                    + audiences);
        }
        if (federatedCredentials.size() >= MAX_FEDERATED_CREDENTIALS) {
            throw new IllegalStateException("blueprint " + appId + " already has " + MAX_FEDERATED_CREDENTIALS
                    + " federated identity credentials (Entra's limit); remove one first");
        }
        for (FederatedIdentityCredential f : federatedCredentials) {
            if (f.issuer().equals(issuer) && f.subject().equals(subject)) {
                throw new IllegalArgumentException("blueprint " + appId + " already has a federated identity credential ("
                        + f.name() + ") for issuer " + issuer + " and subject " + subject);
            }
            if (f.name().equals(name)) {
                throw new IllegalArgumentException("blueprint " + appId + " already has a federated identity credential named "
                        + name);
            }
        }
        federatedCredentials.add(new FederatedIdentityCredential(name, issuer, subject, List.copyOf(audiences),
                clock.instant()));
        return this;
    }

    /** Removes the federated identity credential with this name, if any. */
    public BlueprintApp removeFederatedCredential(String name) {
        federatedCredentials.removeIf(f -> f.name().equals(name));
        return this;
    }

    public List<ClientSecret> secrets() {
        return List.copyOf(secrets);
    }

    public List<X509Certificate> certificates() {
        return List.copyOf(certificates);
    }

    public List<FederatedIdentityCredential> federatedCredentials() {
        return List.copyOf(federatedCredentials);
    }
}
