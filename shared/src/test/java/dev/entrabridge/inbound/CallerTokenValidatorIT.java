package dev.entrabridge.inbound;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

/**
 * Discovery, JWKS over HTTPS with a private CA, caching and key rotation against a real OIDC issuer; forged
 * key ids are invalid tokens (401), never an outage, and only a failed fetch is one (503 with Retry-After).
 */
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
    void refetchesTheJwksWhenTheIssuerRotatesItsKeyOnceTheCachedSetIsOlderThanTheInterval() {
        MutableClock clock = new MutableClock(Instant.now());
        CallerTokenValidator patient = onClock(clock);
        patient.validate(idp.mint("before", AUDIENCE, Duration.ofMinutes(10)));

        idp.rotateKey(true);
        String after = idp.mint("after", AUDIENCE, Duration.ofMinutes(10));
        // A set fetched a moment ago that lacks the kid: the token is not (yet) the issuer's.
        CallerAuthenticationException tooSoon = catchThrowableOfType(CallerAuthenticationException.class,
                () -> patient.validate(after));
        clock.advance(Duration.ofSeconds(31));
        Caller rotated = patient.validate(after);

        assertThat(tooSoon.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(rotated.subject()).isEqualTo("after");
        assertThat(jwksFetches()).isEqualTo(2);
    }

    @Test
    void aBurstOfTokensWithUnknownKeyIdsIsRefusedAsInvalidWithAtMostOneKeyFetch() {
        for (int i = 0; i < 20; i++) {
            SigningKey stranger = SigningKey.generate("forged-" + i);
            String forged = stranger.sign(new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("x").audience(AUDIENCE)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());

            CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                    () -> validator.validate(forged));

            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(e.code()).isEqualTo("CALLER_TOKEN_UNKNOWN_KEY");
        }

        assertThat(jwksFetches()).isEqualTo(1);
    }

    @Test
    void aJkuHeaderIsNeverFollowed() throws Exception {
        try (OidcIssuerEmulator attacker = OidcIssuerEmulator.start("attacker", Clock.systemUTC())) {
            RSAKey key = new RSAKeyGenerator(2048).keyID(attacker.currentKeyId()).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .jwkURL(attacker.jwksUri()).build(), new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("x")
                    .audience(AUDIENCE).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
            forged.sign(new RSASSASigner(key));

            CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                    () -> validator.validate(forged.serialize()));

            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(attacker.requests()).isEmpty();
        }
    }

    @Test
    void es256WithTheIssuersRsaKeyIdIsRefusedAsInvalidWithoutRefetching() throws Exception {
        validator.validate(idp.mint("warm-up", AUDIENCE, Duration.ofMinutes(10)));
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(idp.currentKeyId()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(idp.currentKeyId()).build(),
                new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("x").audience(AUDIENCE)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        forged.sign(new ECDSASigner(ec));

        CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                () -> validator.validate(forged.serialize()));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(e.getMessage()).contains("no ES256 key");
        assertThat(jwksFetches()).isEqualTo(1);
    }

    @Test
    void aRealOutageIsTheIssuerUnavailableWithRetryAfterAndIsNotRetriedBeforeIt() {
        MutableClock clock = new MutableClock(Instant.now());
        CallerTokenValidator patient = onClock(clock);
        patient.validate(idp.mint("warm-up", AUDIENCE, Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(16)); // past the 15 min key cache
        idp.faults().failNext(5, dev.entrabridge.emulator.http.Fault.status(503));
        String token = idp.mint("n8n", AUDIENCE, Duration.ofMinutes(30));

        CallerAuthenticationException first = catchThrowableOfType(CallerAuthenticationException.class,
                () -> patient.validate(token));
        clock.advance(Duration.ofSeconds(10));
        CallerAuthenticationException second = catchThrowableOfType(CallerAuthenticationException.class,
                () -> patient.validate(token));

        assertThat(first.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(first.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(second.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(second.retryAfter()).contains(Duration.ofSeconds(20));
        assertThat(jwksFetches()).isEqualTo(2);
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

    private CallerTokenValidator onClock(Clock clock) {
        return CallerTokenValidator.builder()
                .trust(TrustedIssuer.discovered(idp.issuer(), Set.of(AUDIENCE)))
                .sslContext(EmulatorTls.clientContext()).clock(clock).keyRefetchInterval(Duration.ofSeconds(30)).build();
    }

    private CallerTokenValidator validatorTrusting(SSLContext tls) {
        return CallerTokenValidator.builder()
                .trust(TrustedIssuer.discovered(idp.issuer(), Set.of(AUDIENCE)))
                .sslContext(tls)
                .fetchTimeout(Duration.ofSeconds(3))
                .build();
    }
}
