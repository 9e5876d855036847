package dev.entrabridge.inbound;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An identity provider whose JWTs may authenticate callers, and the audiences its tokens must carry.
 *
 * @param issuer    the exact {@code iss} value (no normalisation: a trailing slash matters)
 * @param audiences accepted {@code aud} values; a token must carry at least one of them
 * @param jwksUri   where its keys are published; empty means "from OIDC discovery"
 *                  ({@code {issuer}/.well-known/openid-configuration})
 */
public record TrustedIssuer(String issuer, Set<String> audiences, Optional<URI> jwksUri) {

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        jwksUri = jwksUri == null ? Optional.empty() : jwksUri;
        if (!issuer.startsWith("https://")) {
            throw new IllegalArgumentException("trusted issuer '" + issuer + "' must be an https URL");
        }
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("trusted issuer '" + issuer + "' needs at least one expected audience");
        }
        jwksUri.ifPresent(u -> {
            if (!"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("JWKS URI of issuer '" + issuer + "' must be https: " + u);
            }
        });
    }

    /** Keys found through OIDC discovery. */
    public static TrustedIssuer discovered(String issuer, Set<String> audiences) {
        return new TrustedIssuer(issuer, audiences, Optional.empty());
    }

    /** Keys at a fixed JWKS URI (for issuers without discovery). */
    public static TrustedIssuer withJwks(String issuer, Set<String> audiences, URI jwksUri) {
        return new TrustedIssuer(issuer, audiences, Optional.of(jwksUri));
    }
}
