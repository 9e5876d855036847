package dev.entrabridge.health;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.K8S_SUBJECT;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole credential health check, assembled from configuration as a deployment would, against
 * the emulated cloud: one healthy run, then each failure kind with the status and remedy it must
 * produce.
 */
class CredentialHealthIT {

    @RegisterExtension
    final EmulatedCloudExtension world = new EmulatedCloudExtension();

    private EmulatedCloud cloud;
    private Map<String, String> env;

    @BeforeEach
    void deployOnTheTokenFile() {
        cloud = world.cloud();
        env = world.bridge().environment(CredentialSourceKind.TOKEN_FILE);
    }

    /** The optional grant that lets the blueprint read its own FICs and credential end dates. */
    private void grantGraphRead() {
        cloud.tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
    }

    /** Switches the deployment to the emulated AWS STS as its credential source. */
    private void useAwsSts() {
        env = world.bridge().environment(CredentialSourceKind.AWS_STS);
    }

    private HealthReport run() {
        return world.bridge().credentialHealth(env).run();
    }

    private static CheckResult check(HealthReport report, String name) {
        return report.check(name).orElseThrow(() -> new AssertionError("no check " + name + " in "
                + HealthReportText.render(report)));
    }

    private void replaceKubernetesFic(String issuer, String subject, String audience) {
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential("kubernetes");
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).federatedCredential("kubernetes", issuer, subject, audience);
    }

    @Test
    void aHealthyDeploymentPassesEveryCheckWithinTheBudget() {
        grantGraphRead();
        HealthReport report = run();

        assertThat(report.status()).as(HealthReportText.render(report)).isEqualTo(CheckStatus.PASS);
        assertThat(report.checks()).extracting(CheckResult::check).containsExactly("configuration", "assertion",
                "issuer-discovery", "token-exchange", "federated-credential", "credential-expiry", "clock-skew");
        assertThat(check(report, "assertion").evidence()).containsEntry("ficIssuer", cloud.cluster().issuer())
                .containsEntry("ficSubject", K8S_SUBJECT).containsEntry("ficAudience", EXCHANGE_AUDIENCE);
        assertThat(check(report, "token-exchange").evidence())
                .containsKeys(MAIL_AGENT + " -> graph", MAIL_AGENT + " -> agent-user T2");
        assertThat(check(report, "federated-credential").evidence()).containsEntry("matched", "kubernetes");
        assertThat(report.duration()).isLessThan(HealthCheckRunner.DEFAULT_BUDGET);
        assertThat(HealthReportJson.render(report)).doesNotContain("eyJ");
    }

    @Test
    void subjectDifferingInCaseFailsWithEntrasDiagnosis() {
        grantGraphRead();
        replaceKubernetesFic(cloud.cluster().issuer(), K8S_SUBJECT.toUpperCase(), EXCHANGE_AUDIENCE);

        HealthReport report = run();

        assertThat(report.status()).isEqualTo(CheckStatus.FAIL);
        CheckResult exchange = check(report, "token-exchange");
        assertThat(exchange.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(exchange.diagnosis().orElseThrow().code()).isEqualTo("AADSTS7002138");
        assertThat(check(report, "federated-credential").diagnosis().orElseThrow().code()).isEqualTo("AADSTS7002138");
        assertThat(check(report, "assertion").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void issuerWithATrailingSlashFails() {
        grantGraphRead();
        replaceKubernetesFic(cloud.cluster().issuer() + "/", K8S_SUBJECT, EXCHANGE_AUDIENCE);

        HealthReport report = run();

        assertThat(check(report, "token-exchange").diagnosis().orElseThrow().code()).isEqualTo("AADSTS700211");
        assertThat(check(report, "token-exchange").diagnosis().orElseThrow().remedy()).isNotBlank();
    }

    @Test
    void wrongAudienceOnTheCredentialFails() {
        grantGraphRead();
        replaceKubernetesFic(cloud.cluster().issuer(), K8S_SUBJECT, "api://AzureADTokenExchangeUSGov");

        HealthReport report = run();

        assertThat(check(report, "token-exchange").diagnosis().orElseThrow().code()).isEqualTo("AADSTS700212");
    }

    @Test
    void outboundFederationDisabledAtStsFailsTheAssertionCheck() {
        grantGraphRead();
        useAwsSts();
        cloud.sts().outboundFederationEnabled(false);

        HealthReport report = run();

        CheckResult assertion = check(report, "assertion");
        assertThat(assertion.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(assertion.diagnosis().orElseThrow().code())
                .isEqualTo("OutboundWebIdentityFederationDisabledException");
        assertThat(assertion.diagnosis().orElseThrow().remedy()).contains("enable-outbound-web-identity-federation");
    }

    @Test
    void stsSourceHealthyReportsTheRoleArnAsTheFicSubject() {
        grantGraphRead();
        useAwsSts();

        HealthReport report = run();

        assertThat(report.status()).as(HealthReportText.render(report)).isEqualTo(CheckStatus.PASS);
        assertThat(check(report, "assertion").evidence()).containsEntry("ficSubject", EmulatedCloud.AWS_ROLE_ARN)
                .containsEntry("ficIssuer", cloud.sts().issuer());
    }

    @Test
    void unreachableIssuerJwksFailsDiscoveryAndTheExchange() {
        grantGraphRead();
        cloud.cluster().faults().failNext(20, Fault.status(503), r -> r.path().endsWith("/jwks.json"));

        HealthReport report = run();

        assertThat(check(report, "issuer-discovery").diagnosis().orElseThrow().code())
                .isEqualTo("BRIDGE_ISSUER_UNREACHABLE");
        assertThat(check(report, "token-exchange").status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void disabledAgentIdentityFailsTheExchange() {
        grantGraphRead();
        cloud.tenant().agentIdentity(MAILER_AGENT_APP_ID, BLUEPRINT_APP_ID).enabled(false);

        HealthReport report = run();

        assertThat(check(report, "token-exchange").diagnosis().orElseThrow().code()).isEqualTo("AADSTS7000112");
    }

    @Test
    void secretEndingInTenDaysWarnsAndAnExpiredOneFails() {
        grantGraphRead();
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).secret("soon-ending-secret", Instant.now()
                .plus(Duration.ofDays(10)).plusSeconds(60));

        HealthReport warn = run();
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).secret("long-gone-secret", Instant.now().minus(Duration.ofDays(3)));
        HealthReport fail = run();

        assertThat(warn.status()).isEqualTo(CheckStatus.WARN);
        assertThat(check(warn, "credential-expiry").status()).isEqualTo(CheckStatus.WARN);
        assertThat(check(fail, "credential-expiry").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(HealthReportJson.render(fail)).doesNotContain("long-gone-secret")
                .doesNotContain("soon-ending-secret");
    }

    @Test
    void missingGraphPermissionSkipsTheComparisonWithAWarning() {
        HealthReport report = run();

        CheckResult fic = check(report, "federated-credential");
        assertThat(fic.status()).isEqualTo(CheckStatus.WARN);
        assertThat(fic.diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_GRAPH_PERMISSION_MISSING");
        assertThat(report.status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void throttlingThenRecoveryWarnsAndSaysWhatHappened() {
        grantGraphRead();
        cloud.entra().faults().failNext(1, Fault.throttle(Duration.ofSeconds(1)),
                r -> r.path().endsWith("/oauth2/v2.0/token"));

        HealthReport report = run();

        CheckResult exchange = check(report, "token-exchange");
        assertThat(exchange.status()).as(HealthReportText.render(report)).isEqualTo(CheckStatus.WARN);
        assertThat(exchange.summary()).contains("succeeded only after 2 attempts");
    }

    @Test
    void aHangingEntraCannotStretchTheRunBeyondItsBudget() {
        grantGraphRead();
        env.put("BRIDGE_HEALTH_BUDGET_SECONDS", "3");
        cloud.entra().faults().latency(Duration.ofSeconds(30));
        long start = System.nanoTime();

        HealthReport report = run();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(report.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(report, "token-exchange").diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_HEALTH_TIMEOUT");
        cloud.entra().faults().reset();
    }

}
