package dev.entrabridge.emulator.sts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.util.ArrayList;
import java.util.List;

/**
 * The account's outbound-federation signing keys: an RSA key ({@code kid} {@code RSA_n}) for RS256
 * and a P-384 key ({@code EC_n}) for ES384. Rotation publishes the new and the previous pair.
 */
final class OutboundTokenSigner {

    private int generation;
    private RSAKey rsa;
    private ECKey ec;
    private List<JWK> published;

    OutboundTokenSigner() {
        rotate();
    }

    synchronized void rotate() {
        generation++;
        try {
            RSAKey nextRsa = new RSAKeyGenerator(2048).keyID("RSA_" + generation).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            ECKey nextEc = new ECKeyGenerator(Curve.P_384).keyID("EC_" + generation).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES384).generate();
            List<JWK> keys = new ArrayList<>(List.of(nextRsa.toPublicJWK(), nextEc.toPublicJWK()));
            if (rsa != null) {
                keys.add(rsa.toPublicJWK());
                keys.add(ec.toPublicJWK());
            }
            rsa = nextRsa;
            ec = nextEc;
            published = List.copyOf(keys);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the STS signing keys", e);
        }
    }

    synchronized String sign(JWTClaimsSet claims, String algorithm) {
        try {
            boolean rs = "RS256".equals(algorithm);
            JWK key = rs ? rsa : ec;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(rs ? JWSAlgorithm.RS256 : JWSAlgorithm.ES384)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(rs ? new RSASSASigner(rsa) : new ECDSASigner(ec));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the outbound token", e);
        }
    }

    synchronized String currentKeyId(String algorithm) {
        return "RS256".equals(algorithm) ? rsa.getKeyID() : ec.getKeyID();
    }

    synchronized String jwks() {
        return new JWKSet(published).toString(true);
    }
}
