package dev.entrabridge.entra;
import dev.entrabridge.retry.AttemptFailure;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    private static HttpOutcome fixture(int leg, int status, String name, String retryAfter) throws IOException {
        try (InputStream in = FailureClassifierTest.class.getResourceAsStream("/entra/" + name)) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return TokenEndpointObserver.outcome(leg, status, body, retryAfter, Duration.ofMillis(5), Clock.systemUTC());
        }
    }

    private static ExchangeFailure classify(HttpOutcome outcome) {
        return FailureClassifier.classify(new MsalServiceException("opaque", outcome.error()), List.of(outcome));
    }

    /** As MSAL4J throws it: its message is Entra's error_description. */
    private static ExchangeFailure classifyWithDescription(HttpOutcome outcome, String fixture) throws IOException {
        try (InputStream in = FailureClassifierTest.class.getResourceAsStream("/entra/" + fixture)) {
            String description = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)
                    .path("error_description").asText();
            return FailureClassifier.classify(new MsalServiceException(description, outcome.error()), List.of(outcome));
        }
    }

    /** The texts real tenants answer (Azure/login#482, dotnet/maui#31978): the subject matches no credential. */
    @Test
    void aSubjectMatchingNoCredentialIs700213NamingTheSubjectAndItsValue() throws Exception {
        ExchangeFailure f = classifyWithDescription(fixture(1, 401, "error-700213.json", null), "error-700213.json");

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.PROPAGATION);
        assertThat(f.diagnosis().code()).isEqualTo("AADSTS700213");
        assertThat(f.diagnosis().cause()).contains("subject (sub)")
                .endsWith("Entra saw the assertion's subject 'arn:aws:iam::123456789012:role/OtherRole'.");
        assertThat(f.diagnosis().remedy()).contains("FIC subject");
    }

    /** Azure/login#515: the subject matches only ignoring case. */
    @Test
    void aSubjectDifferingInCaseIs7002138NamingTheCase() throws Exception {
        ExchangeFailure f = classifyWithDescription(fixture(1, 401, "error-7002138.json", null), "error-7002138.json");

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.PROPAGATION);
        assertThat(f.diagnosis().code()).isEqualTo("AADSTS7002138");
        assertThat(f.diagnosis().cause()).contains("subject (sub)", "letter case")
                .contains("'arn:aws:iam::123456789012:role/bedrockgraphactionsrole'");
        assertThat(f.diagnosis().remedy()).contains("keeping its case");
    }

    @Test
    void noMatchingFicIsAConfigurationErrorRetriedOnlyForPropagation() throws Exception {
        ExchangeFailure f = classify(fixture(1, 400, "error-70021.json", null));

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.PROPAGATION);
        assertThat(f.leg()).isEqualTo(1);
        assertThat(f.diagnosis().category()).isEqualTo(Category.CONFIGURATION);
        assertThat(f.diagnosis().code()).isEqualTo("AADSTS70021");
        assertThat(f.diagnosis().cause()).contains("issuer, subject and audience together", "propagates");
        assertThat(f.diagnosis().remedy()).contains("federated identity credential match the assertion exactly");
        assertThat(f.correlationId()).isEqualTo("9f8e7d6c-0000-4000-8000-000000000002");
    }

    @Test
    void staleAssertionAsksForAReMint() throws Exception {
        ExchangeFailure f = classify(fixture(1, 401, "error-700024.json", null));

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.STALE);
        assertThat(f.diagnosis().code()).isEqualTo("AADSTS700024");
        assertThat(f.toException().correlationId()).contains("9f8e7d6c-0000-4000-8000-000000000004");
    }

    @Test
    void badSecretIsACredentialError() throws Exception {
        ExchangeFailure f = classify(fixture(1, 401, "error-7000215.json", null));

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.FINAL);
        assertThat(f.diagnosis().category()).isEqualTo(Category.CREDENTIAL);
        assertThat(f.diagnosis().remedy()).contains("401");
    }

    @Test
    void missingConsentIsAPermissionError() throws Exception {
        ExchangeFailure f = classify(fixture(2, 400, "error-65001.json", null));

        assertThat(f.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(f.diagnosis().code()).isEqualTo("AADSTS65001");
        assertThat(f.diagnosis().remedy()).contains("grant the permission");
    }

    @Test
    void throttlingIsTransientAndCarriesRetryAfter() throws Exception {
        ExchangeFailure f = classify(fixture(2, 429, "error-429.json", "7"));

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.TRANSIENT);
        assertThat(f.diagnosis().category()).isEqualTo(Category.TRANSIENT);
        assertThat(f.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aGatewayErrorWithoutJsonIsTransient() {
        HttpOutcome outcome = TokenEndpointObserver.outcome(2, 503, "<html>bad gateway</html>", null, Duration.ZERO, Clock.systemUTC());

        ExchangeFailure f = FailureClassifier.classify(new RuntimeException("boom"), List.of(outcome));

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.TRANSIENT);
        assertThat(f.diagnosis().code()).isEqualTo("ENTRA_HTTP_503");
    }

    @Test
    void timeoutsAreTransient() {
        ExchangeFailure f = FailureClassifier.classify(new RuntimeException(new HttpTimeoutException("read")), List.of());

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.TRANSIENT);
        assertThat(f.diagnosis().code()).isEqualTo("ENTRA_UNREACHABLE");
    }

    @Test
    void withoutARecordedBodyTheCodeIsParsedFromTheDescription() {
        MsalServiceException e = new MsalServiceException("AADSTS7000112: Application 'x' is disabled. Trace ID: t", "unauthorized_client");

        ExchangeFailure f = FailureClassifier.classify(e, List.of());

        assertThat(f.diagnosis().code()).isEqualTo("AADSTS7000112");
        assertThat(f.diagnosis().remedy()).contains("Enable the agent identity");
    }

    @Test
    void credentialSourceFailuresPassThroughWithTheirDiagnosis() {
        AgentTokenException sts = new AgentTokenException(new Diagnosis(Category.CONFIGURATION,
                "OutboundWebIdentityFederationDisabledException", "c", "r"));

        ExchangeFailure f = FailureClassifier.classify(new RuntimeException("wrapped by MSAL", sts), List.of());

        assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.FINAL);
        assertThat(f.diagnosis()).isSameAs(sts.diagnosis());
    }

    @Test
    void unknownCodesStillGetACodeAndARemedy() {
        HttpOutcome outcome = TokenEndpointObserver.outcome(2, 400,
                "{\"error\":\"invalid_request\",\"error_codes\":[9999999],\"correlation_id\":\"c1\"}", null,
                Duration.ZERO, Clock.systemUTC());

        ExchangeFailure f = FailureClassifier.classify(new RuntimeException(), List.of(outcome));

        assertThat(f.diagnosis().code()).isEqualTo("AADSTS9999999");
        assertThat(f.diagnosis().remedy()).contains("tenant and client id");
    }
}
