package dev.entrabridge.emulator.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * An RS256 signing key with a key id, as token issuers hold: signs JWTs and publishes its
 * public half as a JWKS document.
 */
public final class SigningKey {

    private final RSAKey key;

    private SigningKey(RSAKey key) {
        this.key = key;
    }

    /**
     * A key with its certificate, as Entra's signing keys are published: the JWKS entry carries the
     * certificate chain ({@code x5c}) and its SHA-1 thumbprint ({@code x5t}).
     */
    public static SigningKey withCertificate(String kid, GeneratedCertificate certificate) {
        try {
            byte[] der = certificate.certificate().getEncoded();
            RSAKey key = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) certificate.keys().getPublic())
                    .privateKey(certificate.keys().getPrivate())
                    .keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .x509CertChain(java.util.List.of(com.nimbusds.jose.util.Base64.encode(der)))
                    .x509CertThumbprint(com.nimbusds.jose.util.Base64URL.encode(
                            java.security.MessageDigest.getInstance("SHA-1").digest(der)))
                    .build();
            return new SigningKey(key);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot publish the certificate of key " + kid, e);
        }
    }

    /** A new 2048-bit RSA key with the given {@code kid}. */
    public static SigningKey generate(String kid) {
        try {
            return new SigningKey(new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    public String kid() {
        return key.getKeyID();
    }

    /** The public JWK as a JSON object (with {@code x5t}/{@code x5c} when the key has a certificate). */
    public java.util.Map<String, Object> publicJwkJson() {
        return key.toPublicJWK().toJSONObject();
    }

    public RSAKey publicJwk() {
        return key.toPublicJWK();
    }

    /** Signs the claims as {@code {"kid":…,"typ":"JWT","alg":"RS256"}}. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }

    /** The JWKS document ({@code {"keys":[…]}}) publishing these public keys. */
    public static String jwks(SigningKey... keys) {
        return new JWKSet(java.util.Arrays.stream(keys).map(k -> (com.nimbusds.jose.jwk.JWK) k.publicJwk()).toList())
                .toString(true);
    }
}
