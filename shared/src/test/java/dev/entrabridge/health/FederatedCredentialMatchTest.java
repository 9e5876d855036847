package dev.entrabridge.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FederatedCredentialMatchTest {

    private static final String AUD = "api://AzureADTokenExchange";
    private static final String ISS = "https://abc123.tokens.sts.global.api.aws";
    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockGraphActionsRole";
    private static final AssertionIdentity ASSERTION =
            new AssertionIdentity(ISS, ROLE, List.of(AUD), "RSA_1", null);

    @Test
    void exactMatchIsFound() {
        FederatedCredential fic = new FederatedCredential("aws", ISS, ROLE, List.of(AUD));

        var outcome = FederatedCredentialMatch.compare(ASSERTION, AUD,
                List.of(new FederatedCredential("other", "https://accounts.google.com", "1234", List.of(AUD)), fic));

        assertThat(outcome.isMatch()).isTrue();
        assertThat(outcome.matched()).contains(fic);
        assertThat(outcome.mismatches()).isEmpty();
    }

    @Test
    void subjectDifferingInCaseIsNamedWithBothValues() {
        String upper = "arn:aws:iam::123456789012:role/bedrockgraphactionsrole";
        var outcome = FederatedCredentialMatch.compare(ASSERTION, AUD,
                List.of(new FederatedCredential("aws", ISS, upper, List.of(AUD))));

        assertThat(outcome.isMatch()).isFalse();
        assertThat(outcome.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("subject");
            assertThat(m.expected()).isEqualTo(upper);
            assertThat(m.actual()).isEqualTo(ROLE);
            assertThat(m.hint()).isEqualTo("differs only in letter case (matching is case-sensitive)");
        });
    }

    @Test
    void issuerWithTrailingSlashIsExplained() {
        var outcome = FederatedCredentialMatch.compare(ASSERTION, AUD,
                List.of(new FederatedCredential("aws", ISS + "/", ROLE, List.of(AUD))));

        assertThat(outcome.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("issuer");
            assertThat(m.expected()).isEqualTo(ISS + "/");
            assertThat(m.hint()).isEqualTo("the credential has a trailing slash the assertion does not");
        });
    }

    @Test
    void wrongAudienceIsNamed() {
        var outcome = FederatedCredentialMatch.compare(ASSERTION, AUD,
                List.of(new FederatedCredential("aws", ISS, ROLE, List.of("api://AzureADTokenExchangeUSGov"))));

        assertThat(outcome.mismatches()).extracting(FederatedCredentialMatch.Mismatch::field)
                .containsExactly("audience");
        assertThat(outcome.mismatches().get(0).expected()).isEqualTo("api://AzureADTokenExchangeUSGov");
        assertThat(outcome.mismatches().get(0).actual()).isEqualTo(AUD);
    }

    @Test
    void closestCredentialIsTheOneWithTheSameIssuer() {
        FederatedCredential sameIssuer = new FederatedCredential("aws", ISS, "arn:aws:iam::123456789012:role/Other",
                List.of(AUD));
        var outcome = FederatedCredentialMatch.compare(ASSERTION, AUD, List.of(
                new FederatedCredential("gcp", "https://accounts.google.com", "1234", List.of(AUD)), sameIssuer));

        assertThat(outcome.closest()).contains(sameIssuer);
        assertThat(outcome.mismatches()).extracting(FederatedCredentialMatch.Mismatch::field)
                .containsExactly("subject");
        assertThat(outcome.mismatches().get(0).hint()).isEmpty();
    }

    @Test
    void noCredentialsAtAllGivesNoClosest() {
        var outcome = FederatedCredentialMatch.compare(ASSERTION, AUD, List.of());

        assertThat(outcome.isMatch()).isFalse();
        assertThat(outcome.closest()).isEmpty();
    }
}
