package dev.entrabridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The blueprint credential source and the settings it needs. Only the fields of the chosen
 * {@link #kind()} are set. {@link #toString()} never shows the secret or certificate password.
 *
 * @param kind                     which source
 * @param chosenBy                 why: the variable that chose it, or the auto-detection clue
 * @param awsRegion                region of the STS client ({@code AWS_REGION})
 * @param stsEndpoint              STS endpoint override ({@code BRIDGE_STS_ENDPOINT}), e.g. a VPC endpoint
 * @param stsTokenDurationSeconds  lifetime asked of STS, 60–3600
 * @param tokenFile                the federated token file
 * @param gcpMetadataHost          base URL of the GCP metadata server
 * @param managedIdentityClientId  the user-assigned managed identity's client id
 * @param clientSecret             the blueprint's client secret (development)
 * @param certificatePath          PEM or PKCS#12 file with key and certificate (development)
 * @param certificatePassword      password of a PKCS#12 file
 */
public record CredentialSettings(CredentialSourceKind kind, String chosenBy, Optional<String> awsRegion,
                                 Optional<URI> stsEndpoint, int stsTokenDurationSeconds, Optional<Path> tokenFile,
                                 URI gcpMetadataHost, Optional<String> managedIdentityClientId,
                                 Optional<String> clientSecret, Optional<Path> certificatePath,
                                 Optional<String> certificatePassword) {

    public static final int DEFAULT_STS_DURATION_SECONDS = 300;
    public static final URI DEFAULT_GCP_METADATA_HOST = URI.create("http://metadata.google.internal");

    public CredentialSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(chosenBy, "chosenBy");
        Objects.requireNonNull(gcpMetadataHost, "gcpMetadataHost");
        if (stsTokenDurationSeconds < 60 || stsTokenDurationSeconds > 3600) {
            throw new IllegalArgumentException("STS token duration must be 60..3600 seconds");
        }
    }

    /** Settings for a source that needs nothing but its kind (tests and builders start here). */
    public static CredentialSettings of(CredentialSourceKind kind) {
        return new CredentialSettings(kind, "explicit", Optional.empty(), Optional.empty(),
                DEFAULT_STS_DURATION_SECONDS, Optional.empty(), DEFAULT_GCP_METADATA_HOST, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "CredentialSettings[kind=" + kind.configName() + ", chosenBy=" + chosenBy
                + awsRegion.map(r -> ", awsRegion=" + r).orElse("")
                + stsEndpoint.map(e -> ", stsEndpoint=" + e).orElse("")
                + (kind == CredentialSourceKind.AWS_STS ? ", stsTokenDurationSeconds=" + stsTokenDurationSeconds : "")
                + tokenFile.map(f -> ", tokenFile=" + f).orElse("")
                + (kind == CredentialSourceKind.GCP_METADATA ? ", gcpMetadataHost=" + gcpMetadataHost : "")
                + managedIdentityClientId.map(c -> ", managedIdentityClientId=" + c).orElse("")
                + clientSecret.map(s -> ", clientSecret=<redacted>").orElse("")
                + certificatePath.map(p -> ", certificatePath=" + p).orElse("")
                + certificatePassword.map(p -> ", certificatePassword=<redacted>").orElse("")
                + "]";
    }
}
