package dev.entrabridge.health;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The assertion, issuer-discovery and clock-skew checks against real loopback HTTPS servers. */
class IssuerAndClockChecksIT {

    private static final String AUD = "api://AzureADTokenExchange";
    private static final String SUBJECT = "system:serviceaccount:agents:graph-agent";

    private static OidcIssuerEmulator issuer;
    private static EmulatorServer entra;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        issuer = OidcIssuerEmulator.start("cluster", Clock.systemUTC());
        entra = EmulatorServer.https("entra-date", Clock.systemUTC())
                .route("/", r -> EmulatorResponse.json(200, "{}")).start();
        http = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext())
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stop() {
        issuer.close();
        entra.close();
    }

    @BeforeEach
    void reset() {
        issuer.faults().reset();
    }

    private static CheckContext context(Clock clock) {
        return new CheckContext(clock, clock.instant().plusSeconds(20));
    }

    private static CheckContext withAssertion(String audience) {
        CheckContext ctx = context(Clock.systemUTC());
        Finding f = new AssertionCheck("token-file", () -> issuer.mint(SUBJECT, audience, Duration.ofMinutes(10)), AUD)
                .run(ctx);
        assertThat(f.toResult("assertion", Duration.ZERO).evidence()).containsEntry("ficSubject", SUBJECT);
        return ctx;
    }

    @Test
    void assertionCheckReportsTheExactFicValues() {
        CheckContext ctx = context(Clock.systemUTC());

        CheckResult r = new AssertionCheck("token-file", () -> issuer.mint(SUBJECT, AUD, Duration.ofMinutes(10)), AUD)
                .run(ctx).toResult("assertion", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).containsEntry("ficIssuer", issuer.issuer()).containsEntry("ficSubject", SUBJECT)
                .containsEntry("ficAudience", AUD).containsEntry("kid", issuer.currentKeyId());
        assertThat(r.evidence().values()).noneMatch(v -> String.valueOf(v).startsWith("eyJ"));
        assertThat(ctx.get(HealthFacts.ASSERTION)).get().extracting(AssertionIdentity::issuer)
                .isEqualTo(issuer.issuer());
    }

    @Test
    void assertionWithTheWrongAudienceFails() {
        CheckResult r = new AssertionCheck("token-file", () -> issuer.mint(SUBJECT, "sts.amazonaws.com",
                Duration.ofMinutes(10)), AUD).run(context(Clock.systemUTC())).toResult("assertion", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_ASSERTION_AUDIENCE");
    }

    @Test
    void sourceFailureCarriesItsDiagnosis() {
        Diagnosis disabled = new Diagnosis(Diagnosis.Category.CONFIGURATION,
                "OutboundWebIdentityFederationDisabledException", "off", "aws iam enable-outbound-web-identity-federation");

        CheckResult r = new AssertionCheck("aws-sts", () -> {
            throw new AgentTokenException(disabled);
        }, AUD).run(context(Clock.systemUTC())).toResult("assertion", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis()).contains(disabled);
    }

    @Test
    void reachableIssuerPublishingTheKeyPasses() throws Exception {
        CheckResult r = new IssuerDiscoveryCheck(http, Duration.ofSeconds(2), java.util.function.UnaryOperator.identity()).run(withAssertion(AUD))
                .toResult("issuer-discovery", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).containsEntry("jwks_uri", issuer.jwksUri().toString()).containsEntry("keys", 1);
    }

    @Test
    void unreachableJwksFails() throws Exception {
        CheckContext ctx = withAssertion(AUD);
        issuer.faults().failNext(1, Fault.status(503), req -> req.path().endsWith("jwks.json"));

        CheckResult r = new IssuerDiscoveryCheck(http, Duration.ofSeconds(2), java.util.function.UnaryOperator.identity()).run(ctx)
                .toResult("issuer-discovery", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_ISSUER_UNREACHABLE");
        assertThat(r.diagnosis().orElseThrow().cause()).contains("HTTP 503");
    }

    @Test
    void keyDroppedFromJwksFails() throws Exception {
        CheckContext ctx = withAssertion(AUD);
        String oldKid = issuer.currentKeyId();
        issuer.rotateKey(true);

        CheckResult r = new IssuerDiscoveryCheck(http, Duration.ofSeconds(2), java.util.function.UnaryOperator.identity()).run(ctx)
                .toResult("issuer-discovery", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis().orElseThrow().cause()).contains("kid '" + oldKid + "'");
    }

    @Test
    void clockInSyncPasses() throws Exception {
        CheckResult r = new ClockSkewCheck(http, URI.create(entra.baseUrl() + "/tenant/v2.0/.well-known/openid-configuration"),
                Duration.ofSeconds(2)).run(context(Clock.systemUTC())).toResult("clock-skew", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat((Long) r.evidence().get("skewMs")).isLessThan(2_000L);
    }

    @Test
    void clockTenMinutesAheadFails() throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));

        CheckResult r = new ClockSkewCheck(http, URI.create(entra.baseUrl() + "/t"), Duration.ofSeconds(2))
                .run(context(ahead)).toResult("clock-skew", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("BRIDGE_CLOCK_SKEW");
    }

    @Test
    void clockTwoMinutesBehindWarns() throws Exception {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2));

        CheckResult r = new ClockSkewCheck(http, URI.create(entra.baseUrl() + "/t"), Duration.ofSeconds(2))
                .run(context(behind)).toResult("clock-skew", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void expiredAssertionFails() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);

        CheckResult r = new AssertionCheck("token-file", () -> issuer.mint(SUBJECT, AUD, Duration.ofMinutes(5)), AUD)
                .run(context(later)).toResult("assertion", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.diagnosis().orElseThrow().code()).isEqualTo("AADSTS700024");
    }
}
