package dev.entrabridge.emulator.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.http.SigningKey;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generic OpenID Connect token issuer over HTTPS: publishes discovery and JWKS under its issuer
 * URL and mints RS256 JWTs with any claims. Stands in for GCP's, a Kubernetes cluster's or
 * GitHub's issuer, and for callers' identity providers.
 *
 * <p>The issuer URL is {@code https://127.0.0.1:<port>/<name>} (no trailing slash), so discovery
 * lives at {@code {issuer}/.well-known/openid-configuration} exactly as for real issuers.
 */
public final class OidcIssuerEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final Clock clock;
    private final String name;
    private final AtomicInteger keyCounter = new AtomicInteger();
    private volatile SigningKey currentKey;
    private volatile List<SigningKey> publishedKeys;

    private OidcIssuerEmulator(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.currentKey = SigningKey.generate(name + "-key-" + keyCounter.incrementAndGet());
        this.publishedKeys = List.of(currentKey);
        this.server = EmulatorServer.https("oidc-" + name, clock);
        server.route("/" + name + "/.well-known/openid-configuration", this::discovery);
        server.route("/" + name + "/.well-known/jwks.json", r -> EmulatorResponse.json(200,
                SigningKey.jwks(publishedKeys.toArray(SigningKey[]::new))));
        server.start();
    }

    /** Starts an issuer named {@code name} (a path segment: letters, digits, dashes). */
    public static OidcIssuerEmulator start(String name, Clock clock) {
        if (!name.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("issuer name must be 1-64 letters, digits or dashes: " + name);
        }
        return new OidcIssuerEmulator(name, clock);
    }

    /** The exact {@code iss} value of minted tokens (what a FIC's issuer must equal). */
    public String issuer() {
        return server.baseUrl() + "/" + name;
    }

    public URI jwksUri() {
        return URI.create(issuer() + "/.well-known/jwks.json");
    }

    /** Mints a token for {@code subject} and {@code audience}, valid for {@code lifetime}. */
    public String mint(String subject, String audience, Duration lifetime) {
        return mint(subject, audience, lifetime, Map.of());
    }

    /** Mints a token with extra claims (which may override the standard ones). */
    public String mint(String subject, String audience, Duration lifetime, Map<String, Object> extraClaims) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        extraClaims.forEach(claims::claim);
        return currentKey.sign(claims.build());
    }

    /**
     * Rolls the signing key: new tokens use a new {@code kid}; the JWKS publishes both the new and
     * the previous key (as issuers do during rotation) unless {@code dropOld}.
     */
    public void rotateKey(boolean dropOld) {
        SigningKey next = SigningKey.generate(name + "-key-" + keyCounter.incrementAndGet());
        publishedKeys = dropOld ? List.of(next) : List.of(next, currentKey);
        currentKey = next;
    }

    /** The {@code kid} new tokens carry. */
    public String currentKeyId() {
        return currentKey.kid();
    }

    public Faults faults() {
        return server.faults();
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    private EmulatorResponse discovery(RecordedRequest request) {
        String iss = issuer();
        return EmulatorResponse.json(200, "{\"issuer\":\"" + iss + "\","
                + "\"jwks_uri\":\"" + iss + "/.well-known/jwks.json\","
                + "\"response_types_supported\":[\"id_token\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"claims_supported\":[\"aud\",\"exp\",\"iat\",\"iss\",\"sub\"]}");
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "OIDC issuer " + issuer();
    }
}
