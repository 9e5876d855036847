package dev.entrabridge.credential;

import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSettings;
import dev.entrabridge.http.MsalTransport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the configured {@link BlueprintCredential} once per process (the runtime does): the client
 * objects (one STS client, one MSAL managed identity application) are created here on the runtime's
 * one outbound HTTP client; assertions are not.
 */
public final class BlueprintCredentials {

    private static final System.Logger LOG = System.getLogger(BlueprintCredentials.class.getName());

    private BlueprintCredentials() {
    }

    /**
     * @param http the runtime's outbound JDK client, for the GCP metadata server and the managed
     *             identity endpoint (AWS STS goes through the SDK's own URL-connection client)
     */
    public static BlueprintCredential create(BridgeConfig config, HttpClient http, Clock clock) {
        CredentialSettings s = config.credential();
        String audience = config.cloud().exchangeAudience();
        BlueprintCredential credential;
        switch (s.kind()) {
            case AWS_STS:
                credential = new AwsWebIdentityTokenSource(stsClient(config), audience, s.stsTokenDurationSeconds(),
                        s.awsRegion().orElseThrow(), clock);
                break;
            case TOKEN_FILE:
                credential = new TokenFileAssertionSource(s.tokenFile().orElseThrow(), clock);
                break;
            case GCP_METADATA:
                credential = new GcpMetadataIdentitySource(http, s.gcpMetadataHost(),
                        audience, config.http().readTimeout(), clock);
                break;
            case MANAGED_IDENTITY:
                credential = managedIdentity(config, http, audience, s.managedIdentityClientId().orElseThrow());
                break;
            case CLIENT_SECRET:
                credential = new ClientSecretCredential(s.clientSecret().orElseThrow());
                break;
            case CERTIFICATE:
                credential = CertificateFiles.load(s.certificatePath().orElseThrow(), s.certificatePassword().orElse(null));
                break;
            default:
                throw new IllegalStateException("unhandled credential source " + s.kind());
        }
        if (s.kind().development()) {
            LOG.log(Level.WARNING, "event=credential_configured source={0} chosen_by=\"{1}\" development_only=true "
                    + "note=\"use a federated source (aws-sts, token-file, gcp-metadata, managed-identity) in production\"",
                    credential.description(), s.chosenBy());
        } else {
            LOG.log(Level.INFO, "event=credential_configured source={0} chosen_by=\"{1}\"", credential.description(), s.chosenBy());
        }
        return credential;
    }

    private static StsClient stsClient(BridgeConfig config) {
        CredentialSettings s = config.credential();
        StsClientBuilder b = StsClient.builder()
                .region(Region.of(s.awsRegion().orElseThrow()))
                .credentialsProvider(awsCredentials(config.environment()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.http().connectTimeout())
                        .socketTimeout(config.http().readTimeout()).build());
        s.stsEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    /**
     * Keys present in the configuration's environment (Lambda without SnapStart puts them there) are
     * used as given; otherwise the SDK's default chain (container endpoint under SnapStart, profiles…).
     */
    static AwsCredentialsProvider awsCredentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String session = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(session == null || session.isBlank()
                ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, session));
    }

    /**
     * MSAL reads {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} from the process environment
     * itself (the platform sets them); the bridge only chooses the identity and the transport.
     */
    private static ManagedIdentityAssertionSource managedIdentity(BridgeConfig config, HttpClient http, String audience,
                                                                  String clientId) {
        ManagedIdentityApplication app = ManagedIdentityApplication.builder(ManagedIdentityId.userAssignedClientId(clientId))
                .httpClient(new MsalTransport(http, config.http().readTimeout()))
                .build();
        return new ManagedIdentityAssertionSource(app, audience, clientId);
    }
}
