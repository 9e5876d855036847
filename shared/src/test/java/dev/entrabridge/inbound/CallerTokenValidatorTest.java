package dev.entrabridge.inbound;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.inbound.CallerAuthenticationException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CallerTokenValidatorTest {

    private static final String ISSUER = "https://idp.example.com/tenant-a";
    private static final String AUDIENCE = "api://entra-agent-bridge";
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private static RSAKey rsa;
    private static RSAKey otherRsaSameKid;
    private static ECKey ec256;
    private static ECKey ec384;
    private static CallerTokenValidator validator;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        otherRsaSameKid = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec256 = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        ec384 = new ECKeyGenerator(Curve.P_384).keyID("ec-384").generate();
        JWKSet published = new JWKSet(List.of(rsa.toPublicJWK(), ec256.toPublicJWK(), ec384.toPublicJWK()));
        validator = CallerTokenValidator.builder()
                .trust(TrustedIssuer.discovered(ISSUER, Set.of(AUDIENCE)))
                .presetKeys(ISSUER, published)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    @Test
    void acceptsAnRs256TokenAndExposesTheCaller() throws Exception {
        String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims(c -> c.claim("email", "a@b.c")));

        Caller caller = validator.validate(token);

        assertThat(caller.kind()).isEqualTo(Caller.Kind.JWT);
        assertThat(caller.issuer()).isEqualTo(ISSUER);
        assertThat(caller.subject()).isEqualTo("workflow-7");
        assertThat(caller.claims()).containsEntry("email", "a@b.c").containsKey("exp");
    }

    @Test
    void acceptsEs256AndEs384Tokens() throws Exception {
        String es256 = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec256), claims(c -> { }));
        String es384 = sign(JWSAlgorithm.ES384, "ec-384", new ECDSASigner(ec384), claims(c -> { }));

        assertThat(validator.validate(es256).subject()).isEqualTo("workflow-7");
        assertThat(validator.validate(es384).subject()).isEqualTo("workflow-7");
    }

    @Test
    void refusesAnUnsignedToken() {
        String token = new PlainJWT(claims(c -> { })).serialize();

        assertRefused(token, Reason.UNSUPPORTED_ALGORITHM, "unsigned");
    }

    @Test
    void refusesHmacEvenWhenKeyedWithThePublishedPublicKey() throws Exception {
        // The classic confusion attack: HS256 with the RSA public key as the shared secret.
        byte[] publicKeyBytes = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
        String token = sign(JWSAlgorithm.HS256, "rsa-1", new MACSigner(publicKeyBytes), claims(c -> { }));

        assertRefused(token, Reason.UNSUPPORTED_ALGORITHM, "HS256 is not accepted");
    }

    @Test
    void refusesAnAlgorithmThatDoesNotFitTheKeyType() throws Exception {
        // An EC-signed token claiming the kid of the RSA key: no RSA key may verify ES256.
        String esWithRsaKid = sign(JWSAlgorithm.ES256, "rsa-1", new ECDSASigner(ec256), claims(c -> { }));
        String es384WithP256Kid = sign(JWSAlgorithm.ES384, "ec-1", new ECDSASigner(ec384), claims(c -> { }));

        assertRefused(esWithRsaKid, Reason.UNKNOWN_KEY, "publishes no ES256 key with kid 'rsa-1'");
        assertRefused(es384WithP256Kid, Reason.UNKNOWN_KEY, "no ES384 key with kid 'ec-1'");
    }

    @Test
    void refusesOtherAsymmetricAlgorithms() throws Exception {
        String ps256 = sign(JWSAlgorithm.PS256, "rsa-1", new RSASSASigner(rsa), claims(c -> { }));

        assertRefused(ps256, Reason.UNSUPPORTED_ALGORITHM, "PS256");
    }

    @Test
    void refusesABadSignature() throws Exception {
        String forged = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(otherRsaSameKid), claims(c -> { }));

        assertRefused(forged, Reason.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void refusesAnExpiredTokenButToleratesSkewUpToSixtySeconds() throws Exception {
        String longExpired = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa),
                claims(c -> c.expirationTime(Date.from(NOW.minusSeconds(61)))));
        String justExpired = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa),
                claims(c -> c.expirationTime(Date.from(NOW.minusSeconds(30)))));

        assertRefused(longExpired, Reason.EXPIRED, "expired at 2026-01-15T09:58:59Z (61 s ago)");
        assertThat(validator.validate(justExpired).subject()).isEqualTo("workflow-7");
    }

    @Test
    void refusesATokenNotYetValid() throws Exception {
        String future = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa),
                claims(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120)))));

        assertRefused(future, Reason.NOT_YET_VALID, "not valid before 2026-01-15T10:02:00Z");
    }

    @Test
    void refusesAWrongAudienceNamingTheExpectedOne() throws Exception {
        String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims(c -> c.audience("api://other")));

        assertRefused(token, Reason.WRONG_AUDIENCE, "audience [api://other] is not the expected [" + AUDIENCE + "]");
    }

    @Test
    void refusesAnUnknownIssuerWithoutFetchingAnything() throws Exception {
        String token = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa),
                claims(c -> c.issuer("https://idp.example.com/tenant-a/")));

        assertRefused(token, Reason.UNKNOWN_ISSUER, "issuer 'https://idp.example.com/tenant-a/' is not trusted");
    }

    @Test
    void refusesMissingExpiryAndSubject() throws Exception {
        String noExp = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims(c -> c.expirationTime(null)));
        String noSub = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims(c -> c.subject(null)));

        assertRefused(noExp, Reason.MISSING_CLAIM, "no 'exp' claim");
        assertRefused(noSub, Reason.MISSING_CLAIM, "no 'sub' claim");
    }

    @Test
    void refusesMalformedEmptyAndOversizedTokens() throws Exception {
        String huge = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa),
                claims(c -> c.claim("padding", "x".repeat(17 * 1024))));

        assertRefused("not.a.jwt", Reason.MALFORMED, "not a well-formed JWT");
        assertRefused("", Reason.MISSING, "no bearer token");
        assertRefused(huge, Reason.TOO_LARGE, "more than the 16384 accepted");
    }

    @Test
    void refusesASkewAboveSixtySeconds() {
        assertThatThrownBy(() -> CallerTokenValidator.builder()
                .trust(TrustedIssuer.discovered(ISSUER, Set.of(AUDIENCE))).clockSkew(Duration.ofSeconds(61)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 60 seconds");
    }

    @Test
    void refusesAnEmptyIssuerAllowlist() {
        assertThatThrownBy(() -> CallerTokenValidator.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no trusted issuers configured");
    }

    private static void assertRefused(String token, Reason reason, String messagePart) {
        CallerAuthenticationException e = catchThrowableOfType(CallerAuthenticationException.class,
                () -> validator.validate(token));
        assertThat(e).as("refusal of a %s token", reason).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(messagePart);
        assertThat(e.code()).isEqualTo("CALLER_TOKEN_" + reason.name());
        if (!token.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[0] + ".");
        }
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> customise) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("workflow-7").audience(AUDIENCE)
                .issueTime(Date.from(NOW.minusSeconds(60)))
                .notBeforeTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(600)));
        customise.accept(b);
        return b.build();
    }

    private static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
