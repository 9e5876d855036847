package dev.entrabridge.health;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FederatedCredentialCheckTest {

    private static final String AUD = "api://AzureADTokenExchange";
    private static final String ISS = "https://abc123.tokens.sts.global.api.aws";
    private static final String ROLE = "arn:aws:iam::123456789012:role/Graph";
    private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

    private static BlueprintDirectory directory(List<FederatedCredential> fics, List<CredentialExpiry> creds,
                                                BlueprintDirectory.DirectoryAccessException error) {
        return new BlueprintDirectory() {
            @Override
            public List<FederatedCredential> federatedCredentials() throws DirectoryAccessException {
                if (error != null) {
                    throw error;
                }
                return fics;
            }

            @Override
            public List<CredentialExpiry> credentials() throws DirectoryAccessException {
                if (error != null) {
                    throw error;
                }
                return creds;
            }
        };
    }

    private static CheckContext contextWithAssertion() {
        CheckContext ctx = new CheckContext(Clock.fixed(NOW, ZoneOffset.UTC), NOW.plusSeconds(20));
        ctx.put(HealthFacts.ASSERTION, new AssertionIdentity(ISS, ROLE, List.of(AUD), "RSA_1", NOW.plusSeconds(300)));
        return ctx;
    }

    @Test
    void matchingCredentialPasses() {
        CheckResult r = new FederatedCredentialCheck(directory(List.of(new FederatedCredential("aws", ISS, ROLE,
                List.of(AUD))), List.of(), null), AUD).run(contextWithAssertion()).toResult("fic", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).containsEntry("matched", "aws");
    }

    @Test
    void trailingSlashIssuerFailsNamingBothValues() {
        CheckResult r = new FederatedCredentialCheck(directory(List.of(new FederatedCredential("aws", ISS + "/", ROLE,
                List.of(AUD))), List.of(), null), AUD).run(contextWithAssertion()).toResult("fic", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).containsEntry("issuer.credential", ISS + "/").containsEntry("issuer.assertion", ISS)
                .containsEntry("issuer.hint", "the credential has a trailing slash the assertion does not");
        assertThat(r.diagnosis().orElseThrow().remedy()).startsWith("Edit the federated credential so its issuer");
    }

    @Test
    void missingPermissionSkipsWithAWarning() {
        CheckResult r = new FederatedCredentialCheck(directory(List.of(), List.of(),
                new BlueprintDirectory.DirectoryAccessException("403 Authorization_RequestDenied", true)), AUD)
                .run(contextWithAssertion()).toResult("fic", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_GRAPH_PERMISSION_MISSING");
    }

    @Test
    void expiryCheckWarnsForASecretEndingInTenDays() {
        CredentialExpiry secret = new CredentialExpiry("password", "dev-secret", NOW.plus(Duration.ofDays(10)));

        CheckResult r = new CredentialExpiryCheck(directory(List.of(), List.of(secret), null), List::of,
                ExpiryPolicy.DEFAULT).run(contextWithAssertion()).toResult("expiry", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.evidence()).containsEntry("password:dev-secret", "2026-12-06T04:00:00Z");
    }

    @Test
    void expiryCheckFailsForAnExpiredLocalCertificateEvenWithoutGraph() {
        CredentialExpiry cert = new CredentialExpiry("certificate", "CN=dev", NOW.minus(Duration.ofDays(1)));

        CheckResult r = new CredentialExpiryCheck(null, () -> List.of(cert), ExpiryPolicy.DEFAULT)
                .run(contextWithAssertion()).toResult("expiry", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void expiryCheckPassesWhenOnlyFederationIsUsed() {
        CheckResult r = new CredentialExpiryCheck(directory(List.of(), List.of(), null), List::of,
                ExpiryPolicy.DEFAULT).run(contextWithAssertion()).toResult("expiry", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.summary()).isEqualTo("No secret, key or certificate to expire: federation only.");
    }
}
