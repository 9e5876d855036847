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
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.inbound.CallerAuthenticationException.Reason;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The signing keys of one trusted issuer: the JWKS URI (configured, or from OIDC discovery and checked
 * to belong to the issuer), fetched once and kept for the cache TTL. A token naming a {@code kid} the
 * set lacks triggers one refetch (key rotation) — but only if the set is older than the refetch
 * interval: a set fetched that recently that lacks the key means the token is not the issuer's, which
 * is 401, so forged kids can neither flood the issuer nor pass for an outage. Only a fetch that fails
 * is an outage (503 with {@code Retry-After}, logged), and it is not retried before the interval. Keys
 * come only from this set: a token's {@code jku}, {@code x5u} or embedded {@code jwk} is never followed.
 */
final class IssuerKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(IssuerKeys.class.getName());

    private final TrustedIssuer issuer;
    private final HttpsResourceRetriever retriever;
    private final Duration cacheTtl;
    private final Duration refetchInterval;
    private final Clock clock;
    private volatile Fetched keys;
    private URI jwksUri;
    private Instant lastAttempt = Instant.MIN;
    private CallerAuthenticationException lastFailure;

    IssuerKeys(TrustedIssuer issuer, HttpsResourceRetriever retriever, Duration cacheTtl, Duration refetchInterval,
               Clock clock) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.cacheTtl = cacheTtl;
        this.refetchInterval = refetchInterval;
        this.clock = clock;
        this.jwksUri = issuer.jwksUri().orElse(null);
    }

    /** Keys already at hand, never refetched (unit tests: the HTTP path is covered by CallerTokenValidatorIT). */
    IssuerKeys(TrustedIssuer issuer, JWKSet preset) {
        this(issuer, null, Duration.ofDays(36_500), Duration.ofDays(36_500), Clock.systemUTC());
        this.keys = new Fetched(preset, Instant.now());
    }

    /**
     * Verifies the token's signature with a key of this issuer. {@code forJWSHeader} matches the
     * {@code kid} and the key type the algorithm needs (RSA for RS*, EC for ES*) and the curve filter
     * the EC curve (P-256 for ES256, P-384 for ES384), so no key can verify an algorithm it was not made for.
     */
    void verify(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        JWKSet set = keysFor(header.getKeyID());
        List<JWK> candidates = new JWKSelector(JWKMatcher.forJWSHeader(header)).select(set).stream()
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

    /** The set to look for {@code kid} in: the cached one, unless it is stale or (rotation) old and lacks the kid. */
    private JWKSet keysFor(String kid) {
        Instant now = clock.instant();
        Fetched seen = keys;
        if (seen == null || !now.isBefore(seen.at.plus(cacheTtl))) {
            return refresh(seen, now).set;
        }
        boolean known = kid == null ? !seen.set.getKeys().isEmpty() : seen.set.getKeyByKeyId(kid) != null;
        if (known || now.isBefore(seen.at.plus(refetchInterval))) {
            return seen.set;
        }
        return refresh(seen, now).set;
    }

    /** One fetch at a time; a thread that waited for another's fetch uses its result. */
    private synchronized Fetched refresh(Fetched seen, Instant now) {
        Fetched current = keys;
        if (current != null && current != seen) {
            return current;
        }
        if (lastFailure != null && now.isBefore(lastAttempt.plus(refetchInterval))) {
            throw lastFailure.retryingAfter(Duration.between(now, lastAttempt.plus(refetchInterval)));
        }
        lastAttempt = now;
        try {
            URI uri = jwksUri != null ? jwksUri : discover();
            jwksUri = uri;
            JWKSet set;
            try {
                set = JWKSet.parse(retriever.fetch(uri));
            } catch (IOException e) {
                throw unavailable("its JWKS " + uri + " could not be fetched (" + e.getMessage() + ")", e);
            } catch (ParseException e) {
                throw unavailable("its JWKS " + uri + " is not a JSON Web Key Set", e);
            }
            lastFailure = null;
            keys = new Fetched(set, now);
            return keys;
        } catch (CallerAuthenticationException e) {
            lastFailure = e;
            LOG.log(System.Logger.Level.WARNING, "event=caller_issuer_unavailable issuer={0} retry_after_s={1} reason=\"{2}\"",
                    issuer.issuer(), refetchInterval.toSeconds(), e.getMessage());
            throw e.retryingAfter(refetchInterval);
        }
    }

    private URI discover() {
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
        return new CallerAuthenticationException(Reason.ISSUER_UNAVAILABLE,
                "cannot check the token's signature: trusted issuer " + issuer.issuer() + " is unavailable, " + what
                        + "; check that the issuer is reachable over HTTPS from here and try again", cause);
    }

    /** A key set and when it was fetched. */
    private record Fetched(JWKSet set, Instant at) {
    }
}
