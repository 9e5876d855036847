package dev.entrabridge.credential;

import dev.entrabridge.config.CredentialSourceKind;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Mints the blueprint's assertion with AWS STS {@code GetWebIdentityToken} (IAM outbound identity
 * federation): RS256, audience {@code api://AzureADTokenExchange} (or the sovereign cloud's), a
 * configurable lifetime. Reuses a token only while well inside its lifetime.
 */
public final class AwsWebIdentityTokenSource implements ClientAssertionSource {

    private static final System.Logger LOG = System.getLogger(AwsWebIdentityTokenSource.class.getName());

    private final StsClient sts;
    private final String audience;
    private final int durationSeconds;
    private final String region;
    private final Clock clock;
    private final AssertionReuse reuse;

    public AwsWebIdentityTokenSource(StsClient sts, String audience, int durationSeconds, String region, Clock clock) {
        this.sts = sts;
        this.audience = audience;
        this.durationSeconds = durationSeconds;
        this.region = region;
        this.clock = clock;
        this.reuse = new AssertionReuse(clock);
    }

    @Override
    public synchronized ClientAssertion assertion() {
        ClientAssertion reusable = reuse.reusable();
        if (reusable != null) {
            return reusable;
        }
        Instant mintedAt = clock.instant();
        GetWebIdentityTokenResponse response;
        try {
            response = sts.getWebIdentityToken(GetWebIdentityTokenRequest.builder()
                    .audience(audience).signingAlgorithm("RS256").durationSeconds(durationSeconds).build());
        } catch (StsException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            LOG.log(Level.WARNING, "event=assertion_failed source=aws-sts region={0} code={1} status={2}",
                    region, code, e.statusCode());
            throw CredentialFailures.sts(code, e.statusCode(), durationSeconds, audience, e);
        } catch (SdkClientException e) {
            LOG.log(Level.WARNING, "event=assertion_failed source=aws-sts region={0} code=STS_UNREACHABLE", region);
            throw CredentialFailures.transientFailure("STS_UNREACHABLE",
                    "The regional STS endpoint could not be reached (" + e.getClass().getSimpleName() + ").",
                    "Check network egress to sts." + region + ".amazonaws.com (or BRIDGE_STS_ENDPOINT) and retry.",
                    null, e);
        }
        Optional<Instant> expiry = Optional.ofNullable(response.expiration());
        ClientAssertion minted = new ClientAssertion(response.webIdentityToken(),
                expiry.isPresent() ? expiry : ClientAssertion.fromJwt(response.webIdentityToken()).expiresAt());
        reuse.remember(minted, mintedAt);
        LOG.log(Level.DEBUG, "event=assertion_minted source=aws-sts region={0} expires={1}", region,
                minted.expiresAt().map(Instant::toString).orElse("unknown"));
        return minted;
    }

    @Override
    public void invalidate() {
        reuse.forget();
    }

    @Override
    public CredentialSourceKind kind() {
        return CredentialSourceKind.AWS_STS;
    }

    @Override
    public String description() {
        return "aws-sts (" + region + ", " + durationSeconds + " s)";
    }
}
