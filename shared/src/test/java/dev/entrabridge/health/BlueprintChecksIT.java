package dev.entrabridge.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.K8S_SUBJECT;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The federated-credential and credential-expiry checks reading the blueprint through the Graph
 * emulator, which serves the Entra emulator's live directory, with a real blueprint Graph token.
 */
class BlueprintChecksIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
            .connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    final EmulatedCloudExtension world = new EmulatedCloudExtension();

    private EmulatedCloud cloud;
    private GraphEmulator graph;

    @BeforeEach
    void start() {
        cloud = world.cloud();
        graph = cloud.graph();
    }

    /** The optional grant that lets the blueprint read its own application object. */
    private void grantGraphRead() {
        cloud.tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
    }

    /** The blueprint's own app-only Graph token, bought with the cluster's projected token. */
    private String blueprintGraphToken() {
        return blueprintGraphToken("client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + cloud.kubernetesToken(Duration.ofMinutes(10)));
    }

    /** The blueprint's app-only Graph token, bought with a development secret. */
    private String secretGraphToken(String secret) {
        return blueprintGraphToken("client_secret=" + enc(secret));
    }

    private String blueprintGraphToken(String credentialForm) {
        String form = "client_id=" + BLUEPRINT_APP_ID + "&" + credentialForm
                + "&grant_type=client_credentials&scope=" + enc(GRAPH + "/.default");
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            cloud.entra().baseUrl().resolve("/" + TENANT_ID + "/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AgentTokenException(new Diagnosis(Diagnosis.Category.CREDENTIAL, "HTTP_" + r.statusCode(),
                        "token endpoint refused", "fix the test"));
            }
            return new ObjectMapper().readTree(r.body()).path("access_token").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private GraphBlueprintDirectory directory() {
        return new GraphBlueprintDirectory(HTTP, graph.baseUrl(), BLUEPRINT_APP_ID, this::blueprintGraphToken,
                Duration.ofSeconds(3));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private CheckContext contextFor(String presentedSubject) {
        CheckContext ctx = new CheckContext(Clock.systemUTC(), Instant.now().plusSeconds(20));
        new AssertionCheck("token-file", () -> cloud.cluster().mint(presentedSubject, EXCHANGE_AUDIENCE,
                Duration.ofMinutes(10)), EXCHANGE_AUDIENCE).run(ctx);
        return ctx;
    }

    @Test
    void healthyBlueprintMatchesAndHasNothingToExpire() {
        grantGraphRead();
        CheckContext ctx = contextFor(K8S_SUBJECT);

        CheckResult fic = new FederatedCredentialCheck(directory(), EXCHANGE_AUDIENCE).run(ctx)
                .toResult("federated-credential", Duration.ZERO);
        CheckResult expiry = new CredentialExpiryCheck(directory(), List::of, ExpiryPolicy.DEFAULT).run(ctx)
                .toResult("credential-expiry", Duration.ZERO);

        assertThat(fic.status()).isEqualTo(CheckStatus.PASS);
        assertThat(fic.evidence()).containsEntry("matched", "kubernetes").containsEntry("credentials", 4);
        assertThat(expiry.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void subjectDifferingInCaseIsNamedWithBothValues() {
        grantGraphRead();
        String presented = "system:serviceaccount:agents:Entra-Agent-Bridge";

        CheckResult r = new FederatedCredentialCheck(directory(), EXCHANGE_AUDIENCE).run(contextFor(presented))
                .toResult("federated-credential", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).containsEntry("closest", "kubernetes")
                .containsEntry("subject.credential", K8S_SUBJECT).containsEntry("subject.assertion", presented)
                .containsEntry("subject.hint", "differs only in letter case (matching is case-sensitive)");
        // The code Entra answers for the same mismatch.
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("AADSTS7002138");
    }

    @Test
    void issuerWithATrailingSlashIsNamed() {
        grantGraphRead();
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential("kubernetes");
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredential("kubernetes", cloud.cluster().issuer() + "/",
                K8S_SUBJECT, EXCHANGE_AUDIENCE);
        // The blueprint still reads Graph through another of its credentials, here a development secret.
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).secret("dev-secret-value", Instant.now().plus(Duration.ofDays(365)));
        GraphBlueprintDirectory bySecret = new GraphBlueprintDirectory(HTTP, graph.baseUrl(), BLUEPRINT_APP_ID,
                () -> secretGraphToken("dev-secret-value"), Duration.ofSeconds(3));

        CheckResult r = new FederatedCredentialCheck(bySecret, EXCHANGE_AUDIENCE).run(contextFor(K8S_SUBJECT))
                .toResult("federated-credential", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).containsEntry("issuer.credential", cloud.cluster().issuer() + "/")
                .containsEntry("issuer.hint", "the credential has a trailing slash the assertion does not");
    }

    @Test
    void secretEndingInTenDaysWarnsAndAnExpiredOneFails() {
        grantGraphRead();
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).secret("soon-secret-1", Instant.now().plus(Duration.ofDays(10))
                .plusSeconds(60));
        CheckContext ctx = contextFor(K8S_SUBJECT);

        CheckResult warn = new CredentialExpiryCheck(directory(), List::of, ExpiryPolicy.DEFAULT).run(ctx)
                .toResult("credential-expiry", Duration.ZERO);
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).secret("old-secret-22", Instant.now().minus(Duration.ofDays(1)));
        CheckResult fail = new CredentialExpiryCheck(directory(), List::of, ExpiryPolicy.DEFAULT).run(ctx)
                .toResult("credential-expiry", Duration.ZERO);

        assertThat(warn.status()).isEqualTo(CheckStatus.WARN);
        assertThat(warn.summary()).endsWith("expires in 10 days.");
        assertThat(fail.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(fail.summary()).contains("expired at");
        assertThat(fail.evidence().toString()).doesNotContain("old-secret-22").doesNotContain("soon-secret-1");
    }

    @Test
    void missingGraphPermissionSkipsTheComparisonWithAWarning() {
        CheckResult r = new FederatedCredentialCheck(directory(), EXCHANGE_AUDIENCE).run(contextFor(K8S_SUBJECT))
                .toResult("federated-credential", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_GRAPH_PERMISSION_MISSING");
        assertThat(r.diagnosis().orElseThrow().remedy()).contains("AgentIdentityBlueprint.Read.All");
    }
}
