package dev.entrabridge.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where the blueprint's proof of identity comes from (the value of {@code BRIDGE_CREDENTIAL_SOURCE}). */
public enum CredentialSourceKind {
    /** AWS STS {@code GetWebIdentityToken} (IAM outbound identity federation). */
    AWS_STS("aws-sts", false),
    /** A projected token file, e.g. Kubernetes/AKS {@code AZURE_FEDERATED_TOKEN_FILE}. */
    TOKEN_FILE("token-file", false),
    /** The GCP metadata server's ID token. */
    GCP_METADATA("gcp-metadata", false),
    /** An Azure user-assigned managed identity (through MSAL4J). */
    MANAGED_IDENTITY("managed-identity", false),
    /** A client secret on the blueprint: development only. */
    CLIENT_SECRET("client-secret", true),
    /** A certificate on the blueprint (PEM or PKCS#12): development only. */
    CERTIFICATE("certificate", true);

    private final String configName;
    private final boolean development;

    CredentialSourceKind(String configName, boolean development) {
        this.configName = configName;
        this.development = development;
    }

    /** The value written in configuration, e.g. {@code aws-sts}. */
    public String configName() {
        return configName;
    }

    /** A credential a developer keeps on disk or in a variable, rather than a workload identity. */
    public boolean development() {
        return development;
    }

    static Optional<CredentialSourceKind> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(k -> k.configName.equals(v)).findFirst();
    }

    /** The Microsoft sidecar's {@code AzureAd__ClientCredentials__0__SourceType} values. */
    static Optional<CredentialSourceKind> parseSidecar(String value) {
        switch (value.trim()) {
            case "ClientSecret":
                return Optional.of(CLIENT_SECRET);
            case "SignedAssertionFilePath":
                return Optional.of(TOKEN_FILE);
            case "SignedAssertionFromManagedIdentity":
                return Optional.of(MANAGED_IDENTITY);
            case "Path":
            case "StoreWithThumbprint":
            case "Base64Encoded":
                return Optional.of(CERTIFICATE);
            default:
                return parse(value);
        }
    }

    static String allowedValues() {
        return Arrays.stream(values()).map(CredentialSourceKind::configName).collect(Collectors.joining(", "));
    }
}
