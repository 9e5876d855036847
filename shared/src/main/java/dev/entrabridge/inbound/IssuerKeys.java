package dev.entrabridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.inbound.CallerAuthenticationException.Reason;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The signing keys of one trusted issuer: the JWKS URI from OIDC discovery (checked to belong to
 * the issuer), then a nimbus source that caches the set, refetches when a token names an unknown
 * {@code kid} (key rotation) and rate-limits those refetches so forged kids cannot flood the issuer.
 */
final class IssuerKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrustedIssuer issuer;
    private final HttpsResourceRetriever retriever;
    private final Duration cacheTtl;
    private final Duration refetchInterval;
    private final Clock clock;
    private volatile JWKSource<SecurityContext> source;
    private volatile CallerAuthenticationException lastDiscoveryFailure;
    private volatile Instant retryDiscoveryAfter = Instant.MIN;

    IssuerKeys(TrustedIssuer issuer, HttpsResourceRetriever retriever, Duration cacheTtl, Duration refetchInterval,
               Clock clock) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.cacheTtl = cacheTtl;
        this.refetchInterval = refetchInterval;
        this.clock = clock;
    }

    /** Keys already at hand (unit tests: the HTTP path is covered by CallerTokenValidatorIT). */
    IssuerKeys(TrustedIssuer issuer, JWKSource<SecurityContext> preset) {
        this(issuer, null, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
        this.source = preset;
    }

    /** Keys matching the selector; an unknown kid triggers one (rate-limited) refetch inside nimbus. */
    List<JWK> select(JWKSelector selector) throws CallerAuthenticationException {
        try {
            return source().get(selector, null);
        } catch (KeySourceException e) {
            throw unavailable("its JWKS could not be fetched (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Verifies the token's signature with a key of this issuer. {@code forJWSHeader} matches the
     * {@code kid} and the key type the algorithm needs (RSA for RS*, EC for ES*) and the curve filter
     * the EC curve (P-256 for ES256, P-384 for ES384), so no key can verify an algorithm it was not made for.
     */
    void verify(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        List<JWK> candidates = select(new JWKSelector(JWKMatcher.forJWSHeader(header))).stream()
                .filter(k -> !(k instanceof ECKey) || Curve.forJWSAlgorithm(header.getAlgorithm()).contains(((ECKey) k).getCurve()))
                .toList();
        if (candidates.isEmpty()) {
            throw CallerAuthenticationException.refused(Reason.UNKNOWN_KEY, "issuer " + issuer.issuer() + " publishes no "
                    + header.getAlgorithm() + " key"
                    + (header.getKeyID() == null ? "" : " with kid '" + ClaimChecks.printable(header.getKeyID()) + "'")
                    + "; the token was not signed by that issuer's current keys");
        }
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = factory.createJWSVerifier(header, ((AsymmetricJWK) key).toPublicKey());
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | ClassCastException e) {
                // try the next candidate key; no match at all is reported below
            }
        }
        throw CallerAuthenticationException.refused(Reason.BAD_SIGNATURE,
                "the token's signature does not verify with issuer " + issuer.issuer() + "'s keys");
    }

    private JWKSource<SecurityContext> source() {
        JWKSource<SecurityContext> s = source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    // A failed discovery is retried, but not more often than unknown kids may refetch
                    // keys, so a flood of tokens naming a down issuer does not become a flood of fetches.
                    if (clock.instant().isBefore(retryDiscoveryAfter)) {
                        throw lastDiscoveryFailure;
                    }
                    URI jwksUri;
                    try {
                        jwksUri = jwksUri();
                    } catch (CallerAuthenticationException e) {
                        lastDiscoveryFailure = e;
                        retryDiscoveryAfter = clock.instant().plus(refetchInterval);
                        throw e;
                    }
                    s = JWKSourceBuilder.<SecurityContext>create(toUrl(jwksUri), retriever)
                            .cache(cacheTtl.toMillis(), 15_000)
                            .rateLimited(refetchInterval.toMillis())
                            .build();
                    source = s;
                }
            }
        }
        return s;
    }

    private URI jwksUri() {
        if (issuer.jwksUri().isPresent()) {
            return issuer.jwksUri().get();
        }
        URI discovery = URI.create(issuer.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        JsonNode doc;
        try {
            doc = JSON.readTree(retriever.fetch(discovery));
        } catch (IOException e) {
            throw unavailable("its discovery document " + discovery + " could not be read (" + e.getMessage() + ")", e);
        }
        // OpenID Connect Discovery §4.3: the document's issuer must equal the one we trust.
        String advertised = doc.path("issuer").asText("");
        if (!issuer.issuer().equals(advertised)) {
            throw unavailable("its discovery document names issuer '" + advertised + "', not '" + issuer.issuer() + "'", null);
        }
        String jwks = doc.path("jwks_uri").asText("");
        if (!jwks.startsWith("https://")) {
            throw unavailable("its discovery document has no https jwks_uri", null);
        }
        return URI.create(jwks);
    }

    private CallerAuthenticationException unavailable(String what, Throwable cause) {
        return new CallerAuthenticationException(CallerAuthenticationException.Reason.ISSUER_UNAVAILABLE,
                "cannot check the token's signature: trusted issuer " + issuer.issuer() + " is unavailable, " + what
                        + "; check that the issuer is reachable over HTTPS from here and try again", cause);
    }

    private static java.net.URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + uri, e);
        }
    }
}
