package dev.entrabridge.credential;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.token.Diagnosis.Category;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Mints the assertion from the GCP metadata server: the attached service account's ID token for
 * the token-exchange audience ({@code format=full}), over plain HTTP with {@code Metadata-Flavor: Google}.
 */
public final class GcpMetadataIdentitySource implements ClientAssertionSource {

    private static final System.Logger LOG = System.getLogger(GcpMetadataIdentitySource.class.getName());

    private final HttpClient http;
    private final URI metadataHost;
    private final String audience;
    private final Duration readTimeout;
    private final Clock clock;
    private final AssertionReuse reuse;

    public GcpMetadataIdentitySource(HttpClient http, URI metadataHost, String audience, Duration readTimeout, Clock clock) {
        this.http = http;
        this.metadataHost = metadataHost;
        this.audience = audience;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.reuse = new AssertionReuse(clock);
    }

    @Override
    public synchronized ClientAssertion assertion() {
        ClientAssertion reusable = reuse.reusable();
        if (reusable != null) {
            return reusable;
        }
        URI uri = URI.create(metadataHost + "/computeMetadata/v1/instance/service-accounts/default/identity?audience="
                + URLEncoder.encode(audience, StandardCharsets.UTF_8) + "&format=full");
        Instant mintedAt = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).GET().timeout(readTimeout)
                    .header("Metadata-Flavor", "Google").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=assertion_failed source=gcp-metadata code=GCP_METADATA_UNREACHABLE host={0}", metadataHost);
            throw CredentialFailures.transientFailure("GCP_METADATA_UNREACHABLE",
                    "The GCP metadata server at " + metadataHost + " could not be reached (" + e.getClass().getSimpleName() + ").",
                    "Run on a GCP workload with a service account attached, or set GCE_METADATA_HOST.", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CredentialFailures.transientFailure("GCP_METADATA_INTERRUPTED", "The metadata request was interrupted.",
                    "Retry the request.", null, e);
        }
        if (response.statusCode() != 200) {
            LOG.log(Level.WARNING, "event=assertion_failed source=gcp-metadata code=GCP_METADATA_HTTP_{0}", response.statusCode());
            if (response.statusCode() >= 500 || response.statusCode() == 429) {
                throw CredentialFailures.transientFailure("GCP_METADATA_HTTP_" + response.statusCode(),
                        "The GCP metadata server is unavailable (HTTP " + response.statusCode() + ").", "Retry shortly.", null, null);
            }
            throw CredentialFailures.of(Category.CONFIGURATION, "GCP_METADATA_HTTP_" + response.statusCode(),
                    "The GCP metadata server refused the ID token request (HTTP " + response.statusCode() + ").",
                    "Attach a service account to the workload and check GCE_METADATA_HOST.", null);
        }
        ClientAssertion minted = ClientAssertion.fromJwt(response.body());
        reuse.remember(minted, mintedAt);
        LOG.log(Level.DEBUG, "event=assertion_minted source=gcp-metadata expires={0}",
                minted.expiresAt().map(Instant::toString).orElse("unknown"));
        return minted;
    }

    @Override
    public void invalidate() {
        reuse.forget();
    }

    @Override
    public CredentialSourceKind kind() {
        return CredentialSourceKind.GCP_METADATA;
    }

    @Override
    public String description() {
        return "gcp-metadata (" + metadataHost + ")";
    }
}
