package dev.entrabridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads which credential source the blueprint uses and its settings, detecting the platform when
 * no source is named: Lambda → AWS STS, Functions/App Service → managed identity, a federated
 * token file → token file.
 */
final class CredentialSettingsReader {

    static final String SOURCE = "BRIDGE_CREDENTIAL_SOURCE";
    static final String SIDECAR_SOURCE = "AzureAd__ClientCredentials__0__SourceType";
    static final String AWS_REGION = "AWS_REGION";
    static final String STS_ENDPOINT = "BRIDGE_STS_ENDPOINT";
    static final String STS_DURATION = "BRIDGE_STS_TOKEN_DURATION_SECONDS";
    static final String TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
    static final String GCE_METADATA_HOST = "GCE_METADATA_HOST";
    static final String MI_CLIENT_ID = "BRIDGE_MANAGED_IDENTITY_CLIENT_ID";
    static final String SECRET_VARIABLE = "ENTRA_CLIENT_SECRET";
    static final String CERTIFICATE_PATH = "ENTRA_CLIENT_CERTIFICATE_PATH";
    static final String CERTIFICATE_PASSWORD = "ENTRA_CLIENT_CERTIFICATE_PASSWORD";

    private final ConfigSources sources;

    CredentialSettingsReader(ConfigSources sources) {
        this.sources = sources;
    }

    CredentialSettings read() {
        Optional<Setting> named = sources.find("/credential/source", SOURCE);
        Optional<Setting> sidecar = sources.find(null, SIDECAR_SOURCE);
        CredentialSourceKind kind;
        String chosenBy;
        if (named.isPresent()) {
            Setting s = named.get();
            kind = CredentialSourceKind.parse(s.value()).orElseThrow(() -> s.invalid("is '" + s.value()
                    + "': set it to one of " + CredentialSourceKind.allowedValues()));
            chosenBy = s.origin();
        } else if (sidecar.isPresent()) {
            Setting s = sidecar.get();
            kind = CredentialSourceKind.parseSidecar(s.value()).orElseThrow(() -> s.invalid("is '" + s.value()
                    + "', which the bridge does not support: use ClientSecret, SignedAssertionFilePath, "
                    + "SignedAssertionFromManagedIdentity or Path, or set " + SOURCE + " to one of "
                    + CredentialSourceKind.allowedValues()));
            chosenBy = s.origin();
        } else if (sources.raw("AWS_LAMBDA_FUNCTION_NAME").isPresent()) {
            kind = CredentialSourceKind.AWS_STS;
            chosenBy = "detected AWS Lambda (AWS_LAMBDA_FUNCTION_NAME)";
        } else if (sources.raw("IDENTITY_ENDPOINT").isPresent()) {
            kind = CredentialSourceKind.MANAGED_IDENTITY;
            chosenBy = "detected Azure managed identity (IDENTITY_ENDPOINT)";
        } else if (sources.raw(TOKEN_FILE).isPresent()) {
            kind = CredentialSourceKind.TOKEN_FILE;
            chosenBy = "detected a federated token file (AZURE_FEDERATED_TOKEN_FILE)";
        } else {
            throw new ConfigException(SOURCE, "is missing and no platform was detected (no AWS_LAMBDA_FUNCTION_NAME, "
                    + "IDENTITY_ENDPOINT or AZURE_FEDERATED_TOKEN_FILE): set it to one of "
                    + CredentialSourceKind.allowedValues());
        }
        return settingsFor(kind, chosenBy);
    }

    private CredentialSettings settingsFor(CredentialSourceKind kind, String chosenBy) {
        Optional<String> region = Optional.empty();
        Optional<URI> stsEndpoint = Optional.empty();
        int duration = CredentialSettings.DEFAULT_STS_DURATION_SECONDS;
        Optional<Path> tokenFile = Optional.empty();
        URI gcpHost = CredentialSettings.DEFAULT_GCP_METADATA_HOST;
        Optional<String> miClientId = Optional.empty();
        Optional<String> secret = Optional.empty();
        Optional<Path> certificate = Optional.empty();
        Optional<String> certificatePassword = Optional.empty();
        switch (kind) {
            case AWS_STS:
                region = Optional.of(sources.find("/credential/awsRegion", AWS_REGION, "AWS_DEFAULT_REGION")
                        .orElseThrow(() -> new ConfigException(AWS_REGION, "is missing: set it to the AWS region whose "
                                + "regional STS endpoint issues the token, e.g. us-east-1 (GetWebIdentityToken is "
                                + "not served by the global endpoint)")).value());
                stsEndpoint = sources.find("/credential/stsEndpoint", STS_ENDPOINT)
                        .map(s -> SettingParsers.origin(s, "https://sts.us-east-1.amazonaws.com"));
                duration = sources.find("/credential/stsTokenDurationSeconds", STS_DURATION)
                        .map(s -> SettingParsers.integer(s, 60, 3600)).orElse(duration);
                break;
            case TOKEN_FILE:
                tokenFile = Optional.of(SettingParsers.readableFile(sources.find("/credential/tokenFile", TOKEN_FILE,
                                "AzureAd__ClientCredentials__0__SignedAssertionFileDiskPath")
                        .orElseThrow(() -> new ConfigException(TOKEN_FILE, "is missing: set it to the path of the "
                                + "projected service account token file")), "the projected service account token file"));
                break;
            case GCP_METADATA:
                gcpHost = sources.find("/credential/gcpMetadataHost", GCE_METADATA_HOST)
                        .map(CredentialSettingsReader::metadataHost).orElse(gcpHost);
                break;
            case MANAGED_IDENTITY:
                miClientId = Optional.of(SettingParsers.guid(sources.find("/credential/managedIdentityClientId",
                                MI_CLIENT_ID, "AzureAd__ClientCredentials__0__ManagedIdentityClientId")
                        .orElseThrow(() -> new ConfigException(MI_CLIENT_ID, "is missing: set it to the client id of "
                                + "the user-assigned managed identity named in the blueprint's federated credential")),
                        "the user-assigned managed identity's client id"));
                break;
            case CLIENT_SECRET:
                secret = Optional.of(sources.find("/credential/clientSecret", SECRET_VARIABLE,
                                "AzureAd__ClientCredentials__0__ClientSecret")
                        .orElseThrow(() -> new ConfigException(SECRET_VARIABLE, "is missing: set it to a client secret "
                                + "of the blueprint (development only; prefer a federated source)")).value());
                break;
            case CERTIFICATE:
                certificate = Optional.of(SettingParsers.readableFile(sources.find("/credential/certificatePath",
                                CERTIFICATE_PATH, "AzureAd__ClientCredentials__0__CertificateDiskPath")
                        .orElseThrow(() -> new ConfigException(CERTIFICATE_PATH, "is missing: set it to a PEM or "
                                + "PKCS#12 file holding the blueprint certificate and its private key")),
                        "a PEM or PKCS#12 file holding the blueprint certificate and its private key"));
                certificatePassword = sources.find("/credential/certificatePassword", CERTIFICATE_PASSWORD,
                        "AzureAd__ClientCredentials__0__CertificatePassword").map(Setting::value);
                break;
            default:
                throw new IllegalStateException("unhandled credential source " + kind);
        }
        return new CredentialSettings(kind, chosenBy, region, stsEndpoint, duration, tokenFile, gcpHost, miClientId,
                secret, certificate, certificatePassword);
    }

    /** {@code GCE_METADATA_HOST} is a bare {@code host[:port]} for Google's libraries; a URL is accepted too. */
    private static URI metadataHost(Setting s) {
        String v = s.value().contains("://") ? s.value() : "http://" + s.value();
        return SettingParsers.origin(new Setting(s.origin(), v), "metadata.google.internal or 169.254.169.254:80");
    }
}
