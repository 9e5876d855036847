package dev.entrabridge.inbound;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.inbound.CallerAuthenticationException.Reason;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates callers' bearer JWTs: exact issuer allowlist, signature against the issuer's JWKS
 * (discovery, caching, refetch on key rotation), expected audience, {@code exp}/{@code nbf} within
 * a bounded skew, and only RS256/ES256/ES384 — never {@code none}, never HMAC, and the key's type
 * must fit the algorithm. Thread-safe; build one per process.
 */
public final class CallerTokenValidator {

    /** Asymmetric algorithms only: an HMAC "public key" would let anyone who has it sign tokens. */
    static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private final Map<String, TrustedIssuer> issuers;
    private final Map<String, IssuerKeys> keys;
    private final Clock clock;
    private final Duration skew;
    private final int maxTokenChars;

    private CallerTokenValidator(Builder b) {
        if (b.issuers.isEmpty()) {
            throw new IllegalArgumentException("no trusted issuers configured: add at least one issuer whose JWTs may authenticate callers");
        }
        if (b.skew.isNegative() || b.skew.compareTo(MAX_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew must be between 0 and 60 seconds, was " + b.skew.toSeconds() + " s");
        }
        HttpClient http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .sslContext(b.sslContext).connectTimeout(b.fetchTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpsResourceRetriever retriever = new HttpsResourceRetriever(http, b.fetchTimeout, 512 * 1024);
        Map<String, TrustedIssuer> byIssuer = new LinkedHashMap<>();
        Map<String, IssuerKeys> keysByIssuer = new LinkedHashMap<>();
        for (TrustedIssuer issuer : b.issuers) {
            if (byIssuer.put(issuer.issuer(), issuer) != null) {
                throw new IllegalArgumentException("trusted issuer '" + issuer.issuer() + "' is configured twice");
            }
            keysByIssuer.put(issuer.issuer(), b.presetKeys.containsKey(issuer.issuer())
                    ? new IssuerKeys(issuer, b.presetKeys.get(issuer.issuer()))
                    : new IssuerKeys(issuer, retriever, b.cacheTtl, b.refetchInterval, b.clock));
        }
        this.issuers = Map.copyOf(byIssuer);
        this.keys = Map.copyOf(keysByIssuer);
        this.clock = b.clock;
        this.skew = b.skew;
        this.maxTokenChars = b.maxTokenChars;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param token the compact JWT (without {@code Bearer })
     * @return the authenticated caller
     * @throws CallerAuthenticationException saying what is wrong; never containing the token
     */
    public Caller validate(String token) {
        SignedJWT jwt = parse(token);
        JWTClaimsSet claims = claims(jwt);
        String iss = claims.getIssuer();
        if (iss == null) {
            throw refuse(Reason.MISSING_CLAIM, "the token has no 'iss' claim");
        }
        TrustedIssuer issuer = issuers.get(iss);
        if (issuer == null) {
            throw refuse(Reason.UNKNOWN_ISSUER, "issuer '" + ClaimChecks.printable(iss)
                    + "' is not trusted; trusted issuers: " + issuers.keySet());
        }
        keys.get(iss).verify(jwt);
        ClaimChecks.lifetime(claims, clock.instant(), skew);
        ClaimChecks.audience(claims, issuer);
        String sub = claims.getSubject();
        if (sub == null || sub.isBlank()) {
            throw refuse(Reason.MISSING_CLAIM, "the token from " + iss + " has no 'sub' claim");
        }
        return Caller.jwt(iss, sub, new LinkedHashMap<>(claims.toJSONObject()));
    }

    private SignedJWT parse(String token) {
        if (token == null || token.isBlank()) {
            throw refuse(Reason.MISSING, "no bearer token was presented");
        }
        if (token.length() > maxTokenChars) {
            throw refuse(Reason.TOO_LARGE, "the token is " + token.length() + " characters, more than the "
                    + maxTokenChars + " accepted");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw refuse(Reason.MALFORMED, "the bearer token is not a well-formed JWT");
        }
        if (!(parsed instanceof SignedJWT)) {
            throw refuse(Reason.UNSUPPORTED_ALGORITHM, "the token is " + (parsed.getHeader().getAlgorithm() == null
                    ? "unsigned" : "encrypted or unsigned (alg " + parsed.getHeader().getAlgorithm() + ")")
                    + "; only RS256, ES256 and ES384 signed JWTs are accepted");
        }
        SignedJWT jwt = (SignedJWT) parsed;
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALLOWED_ALGORITHMS.contains(alg)) {
            throw refuse(Reason.UNSUPPORTED_ALGORITHM, "algorithm " + alg
                    + " is not accepted; only RS256, ES256 and ES384 are");
        }
        return jwt;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refuse(Reason.MALFORMED, "the token's payload is not a JSON claims set");
        }
    }

    private static CallerAuthenticationException refuse(Reason reason, String message) {
        return CallerAuthenticationException.refused(reason, message);
    }

    /** Configures a {@link CallerTokenValidator}. */
    public static final class Builder {
        private final List<TrustedIssuer> issuers = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration skew = MAX_SKEW;
        private int maxTokenChars = 16 * 1024;
        private Duration fetchTimeout = Duration.ofSeconds(5);
        private Duration cacheTtl = Duration.ofMinutes(15);
        private Duration refetchInterval = Duration.ofSeconds(30);
        private SSLContext sslContext;
        private HttpClient httpClient;
        private final Map<String, com.nimbusds.jose.jwk.JWKSet> presetKeys = new LinkedHashMap<>();

        private Builder() {
            try {
                sslContext = SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public Builder trust(TrustedIssuer issuer) {
            issuers.add(Objects.requireNonNull(issuer, "issuer"));
            return this;
        }

        public Builder trust(List<TrustedIssuer> all) {
            all.forEach(this::trust);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tolerance on {@code exp}/{@code nbf}; at most 60 s (the default). */
        public Builder clockSkew(Duration skew) {
            this.skew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /** Longer tokens are refused before parsing (default 16 KiB). */
        public Builder maxTokenChars(int max) {
            this.maxTokenChars = max;
            return this;
        }

        /** Connect and read timeout for discovery and JWKS fetches (default 5 s). */
        public Builder fetchTimeout(Duration timeout) {
            this.fetchTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long a fetched JWKS is used before refetching (default 15 min). */
        public Builder keyCacheTtl(Duration ttl) {
            this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * How old the key set must be before a token naming an unknown kid makes it refetch (a younger set that
         * lacks the kid refuses the token: 401), and how long a failed fetch is not retried (default 30 s).
         */
        public Builder keyRefetchInterval(Duration interval) {
            this.refetchInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** TLS trust for discovery/JWKS fetches, e.g. a private CA (default: the JVM's). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** A ready client (must not follow redirects); overrides {@link #sslContext}. */
        public Builder httpClient(HttpClient client) {
            if (client.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("the key-fetching HttpClient must not follow redirects");
            }
            this.httpClient = client;
            return this;
        }

        /** Unit tests only: use these keys for {@code issuer} instead of fetching them. */
        Builder presetKeys(String issuer, com.nimbusds.jose.jwk.JWKSet keys) {
            presetKeys.put(issuer, keys);
            return this;
        }

        public CallerTokenValidator build() {
            return new CallerTokenValidator(this);
        }
    }
}
