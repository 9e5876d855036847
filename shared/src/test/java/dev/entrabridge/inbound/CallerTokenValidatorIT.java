package dev.entrabridge.inbound;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.SigningKey;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.inbound.CallerAuthenticationException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Discovery, JWKS over HTTPS with a private CA, caching and key rotation against a real OIDC issuer. */
class CallerTokenValidatorIT {

    private static final String AUDIENCE = "api://entra-agent-bridge";

    private OidcIssuerEmulator idp;
    private CallerTokenValidator validator;

    @BeforeEach
    void start() {
        idp = OidcIssuerEmulator.start("callers", Clock.systemUTC());
        validator = validatorTrusting(EmulatorTls.clientContext());
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void discoversTheJwksAndValidatesATokenFromTheIssuer() {
        String token = idp.mint("n8n-workflow", AUDIENCE, Duration.ofMinutes(10));

        Caller caller = validator.validate(token);

        assertThat(caller.issuer()).isEqualTo(idp.issuer());
        assertThat(caller.subject()).isEqualTo("n8n-workflow");
        assertThat(idp.requests()).extracting(r -> r.path()).containsExactly(
                "/callers/.well-known/openid-configuration", "/callers/.well-known/jwks.json");
    }

    @Test
    void cachesTheKeysAcrossValidations() {
        for (int i = 0; i < 5; i++) {
            validator.validate(idp.mint("sub-" + i, AUDIENCE, Duration.ofMinutes(10)));
        }

        assertThat(jwksFetches()).isEqualTo(1);
    }

    @Test
    void refetchesTheJwksWhenTheIssuerRotatesItsKey() {
        validator.validate(idp.mint("before", AUDIENCE, Duration.ofMinutes(10)));

        idp.rotateKey(true);
        Caller after = validator.validate(idp.mint("after", AUDIENCE, Duration.ofMinutes(10)));

        assertThat(after.subject()).isEqualTo("after");
        assertThat(jwksFetches()).isEqualTo(2);
    }

    @Test
    void rateLimitsRefetchesForUnknownKeyIds() {
        validator.validate(idp.mint("warm-up", AUDIENCE, Duration.ofMinutes(10)));
        for (int i = 0; i < 10; i++) {
            SigningKey stranger = SigningKey.generate("forged-" + i);
            String forged = stranger.sign(new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("x").audience(AUDIENCE)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());

            CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                    () -> validator.validate(forged));

            assertThat(e.reason()).isIn(Reason.UNKNOWN_KEY, Reason.ISSUER_UNAVAILABLE);
        }

        assertThat(jwksFetches()).isLessThanOrEqualTo(3);
    }

    @Test
    void reportsTheIssuerUnavailableWhenItsCertificateIsNotTrusted() throws Exception {
        CallerTokenValidator strict = validatorTrusting(SSLContext.getDefault());

        CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                () -> strict.validate(idp.mint("n8n", AUDIENCE, Duration.ofMinutes(10))));

        assertThat(e.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("trusted issuer " + idp.issuer() + " is unavailable");
    }

    @Test
    void reportsTheIssuerUnavailableWhileDiscoveryFailsAndRetriesOnlyAfterTheInterval() {
        MutableClock clock = new MutableClock(Instant.now());
        CallerTokenValidator patient = CallerTokenValidator.builder()
                .trust(TrustedIssuer.discovered(idp.issuer(), Set.of(AUDIENCE)))
                .sslContext(EmulatorTls.clientContext()).clock(clock).keyRefetchInterval(Duration.ofSeconds(30)).build();
        idp.faults().failNext(1, dev.entrabridge.emulator.http.Fault.status(503));
        String token = idp.mint("n8n", AUDIENCE, Duration.ofMinutes(10));

        CallerAuthenticationException first = catchThrowableOfType(CallerAuthenticationException.class,
                () -> patient.validate(token));
        CallerAuthenticationException second = catchThrowableOfType(CallerAuthenticationException.class,
                () -> patient.validate(token));
        clock.advance(Duration.ofSeconds(31));
        Caller recovered = patient.validate(token);

        assertThat(first.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(first.getMessage()).contains("HTTP 503").doesNotContain(token);
        assertThat(second.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(recovered.subject()).isEqualTo("n8n");
        assertThat(idp.requests().stream().filter(r -> r.path().endsWith("openid-configuration")).count()).isEqualTo(2);
    }

    @Test
    void refusesAWrongAudienceFromATrustedIssuer() {
        String token = idp.mint("n8n", "api://someone-else", Duration.ofMinutes(10));

        CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                () -> validator.validate(token));

        assertThat(e.reason()).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(e.getMessage()).contains("expected [" + AUDIENCE + "]");
    }

    /** A clock tests move by hand (token lifetimes here are minutes, so skipping 31 s is harmless). */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private long jwksFetches() {
        return idp.requests().stream().filter(r -> r.path().endsWith("jwks.json")).count();
    }

    private CallerTokenValidator validatorTrusting(SSLContext tls) {
        return CallerTokenValidator.builder()
                .trust(TrustedIssuer.discovered(idp.issuer(), Set.of(AUDIENCE)))
                .sslContext(tls)
                .fetchTimeout(Duration.ofSeconds(3))
                .build();
    }
}
