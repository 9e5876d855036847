package dev.entrabridge.graph;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an access token says about who holds it and what it may do, read (never verified: Graph
 * does that) only to word a refusal: the client's appId, app-only or delegated, its roles or scopes.
 * Nothing of the token itself is kept. An unreadable token yields {@link Kind#UNKNOWN}.
 */
record TokenFacts(String appId, Kind kind, Set<String> permissions) {

    enum Kind { APPLICATION, DELEGATED, UNKNOWN }

    static final TokenFacts UNKNOWN = new TokenFacts(null, Kind.UNKNOWN, Set.of());

    TokenFacts {
        permissions = Collections.unmodifiableSet(new LinkedHashSet<>(permissions));
    }

    static TokenFacts of(String accessToken) {
        try {
            JWT jwt = JWTParser.parse(accessToken);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims == null) {
                return UNKNOWN;
            }
            String appId = claims.getStringClaim("azp") != null ? claims.getStringClaim("azp") : claims.getStringClaim("appid");
            String scp = claims.getStringClaim("scp");
            if (scp != null) {
                return new TokenFacts(appId, Kind.DELEGATED, new LinkedHashSet<>(Arrays.asList(scp.trim().split("\\s+"))));
            }
            List<String> roles = claims.getStringListClaim("roles");
            return new TokenFacts(appId, Kind.APPLICATION, roles == null ? Set.of() : new LinkedHashSet<>(roles));
        } catch (java.text.ParseException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    boolean carries(String permission) {
        return permissions.stream().anyMatch(permission::equalsIgnoreCase);
    }
}
