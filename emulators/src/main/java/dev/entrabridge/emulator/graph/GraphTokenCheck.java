package dev.entrabridge.emulator.graph;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Validates a Graph bearer token as Graph does: RS256 signature by a key of the tenant's JWKS
 * (refetched once when the {@code kid} is unknown, as after a key roll), issuer in the allowed set,
 * audience Graph's, {@code exp}/{@code nbf} with Microsoft's default five-minute skew, and the
 * claims of the token's format: Entra issues Graph tokens in v1 format ({@code iss
 * https://sts.windows.net/{tid}/}, {@code ver 1.0}, the client in {@code appid}/{@code appidacr}), so a
 * token claiming one format with the other's claims is refused.
 */
final class GraphTokenCheck {

    static final Set<String> GRAPH_AUDIENCES = Set.of("https://graph.microsoft.com", "https://graph.microsoft.com/",
            "00000003-0000-0000-c000-000000000000");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String V1_ISSUER_HOST = "https://sts.windows.net/";

    private final Set<String> issuers;
    private final Supplier<String> jwks;
    private final Clock clock;
    private volatile JWKSet keys = new JWKSet();

    GraphTokenCheck(Set<String> issuers, Supplier<String> jwks, Clock clock) {
        this.issuers = Set.copyOf(issuers);
        this.jwks = jwks;
        this.clock = clock;
    }

    GraphCaller authenticate(RecordedRequest request) {
        String header = request.header("Authorization").orElse("");
        if (header.isBlank()) {
            throw GraphError.invalidToken("Access token is empty.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GraphError.invalidToken("Access token validation failure. The authorization scheme must be Bearer.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(header.substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw GraphError.invalidToken("IDX14100: JWT is not well formed.");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw GraphError.invalidToken("Access token validation failure. Invalid signing algorithm.");
        }
        verify(jwt);
        if (claims.getIssuer() == null || !issuers.contains(claims.getIssuer())) {
            throw GraphError.invalidToken("Access token validation failure. Invalid issuer.");
        }
        if (claims.getAudience().stream().noneMatch(GRAPH_AUDIENCES::contains)) {
            throw GraphError.invalidToken("Access token validation failure. Invalid audience.");
        }
        requireFormat(claims);
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || now.isAfter(claims.getExpirationTime().toInstant().plus(SKEW))) {
            throw GraphError.invalidToken("Lifetime validation failed, the token is expired.");
        }
        if (claims.getNotBeforeTime() != null && now.plus(SKEW).isBefore(claims.getNotBeforeTime().toInstant())) {
            throw GraphError.invalidToken("Access token has expired or is not yet valid.");
        }
        return caller(claims);
    }

    /** v1 tokens name the client in {@code appid}, v2 tokens in {@code azp}; {@code ver} says which. */
    private static void requireFormat(JWTClaimsSet claims) {
        String ver = claim(claims, "ver");
        boolean v1Issuer = claims.getIssuer().startsWith(V1_ISSUER_HOST);
        if ("1.0".equals(ver) || v1Issuer) {
            if (!"1.0".equals(ver) || !v1Issuer || claim(claims, "appid") == null || claim(claims, "appidacr") == null
                    || claim(claims, "azp") != null) {
                throw GraphError.invalidToken("Access token validation failure. A v1 token needs iss "
                        + V1_ISSUER_HOST + "{tid}/, ver 1.0, appid and appidacr (and no azp).");
            }
        } else if ("2.0".equals(ver) && (claim(claims, "azp") == null || claim(claims, "appid") != null)) {
            throw GraphError.invalidToken("Access token validation failure. A v2 token needs azp (and no appid).");
        }
    }

    private void verify(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
        if (key == null) {
            keys = load();
            key = kid == null ? null : keys.getKeyByKeyId(kid);
        }
        if (!(key instanceof RSAKey)) {
            throw GraphError.invalidToken("Access token validation failure. Signing key not found.");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier((RSAKey) key))) {
                throw GraphError.invalidToken("Access token validation failure. Invalid signature.");
            }
        } catch (JOSEException e) {
            throw GraphError.invalidToken("Access token validation failure. Invalid signature.");
        }
    }

    private JWKSet load() {
        try {
            return JWKSet.parse(jwks.get());
        } catch (ParseException | RuntimeException e) {
            throw new GraphError(500, "UnknownError", "The signing keys of the token issuer could not be loaded.");
        }
    }

    private static GraphCaller caller(JWTClaimsSet claims) {
        String appId = firstNonNull(claim(claims, "azp"), claim(claims, "appid"));
        String scp = claim(claims, "scp");
        if (scp != null) {
            if (claim(claims, "oid") == null) {
                throw GraphError.invalidToken("Access token validation failure. A delegated token must carry the user's oid.");
            }
            return new GraphCaller(appId, claim(claims, "oid"), new LinkedHashSet<>(Arrays.asList(scp.trim().split("\\s+"))));
        }
        Set<String> roles = new LinkedHashSet<>();
        Object r = claims.getClaim("roles");
        if (r instanceof List) {
            ((List<?>) r).forEach(x -> roles.add(String.valueOf(x)));
        }
        return new GraphCaller(appId, null, roles);
    }

    private static String claim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v == null ? null : v.toString();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
