package dev.entrabridge.emulator.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks an external assertion a blueprint presents against its federated identity credentials,
 * in Entra's order: issuer (700211), audience (700212), subject (7002138 when it matches only
 * ignoring case, else 700213, with the texts real tenants answer), a matching credential still
 * propagating (70021, Entra's generic "no matching federated identity record", which names issuer,
 * subject and audience), then signature by the issuer's published keys and the validity window
 * (700024).
 */
final class FederatedAssertionCheck {

    private static final String FIC_DOCUMENT = "https://learn.microsoft.com/entra/workload-id/workload-identity-federation";

    private final Clock clock;
    private final Directory directory;
    private final ExternalIssuerKeys externalKeys;

    FederatedAssertionCheck(Clock clock, Directory directory, ExternalIssuerKeys externalKeys) {
        this.clock = clock;
        this.directory = directory;
        this.externalKeys = externalKeys;
    }

    void check(BlueprintApp blueprint, SignedJWT jwt, JWTClaimsSet claims) {
        FederatedIdentityCredential fic = match(blueprint, claims);
        Instant now = clock.instant();
        if (now.isBefore(fic.createdAt().plus(directory.ficPropagationDelay()))) {
            throw noMatchingRecord(claims);
        }
        RSAPublicKey key = signingKey(claims.getIssuer(), jwt.getHeader().getKeyID());
        if (!AssertionChecks.verifies(jwt, key)) {
            throw EntraError.invalidClient(700027, "Client assertion failed signature validation. [Reason - The"
                    + " assertion is not signed by a key the issuer '" + claims.getIssuer() + "' publishes.]");
        }
        if (!AssertionChecks.withinValidity(claims, now)) {
            throw AssertionChecks.outsideValidity(claims, now);
        }
    }

    private static FederatedIdentityCredential match(BlueprintApp blueprint, JWTClaimsSet claims) {
        String iss = claims.getIssuer();
        String sub = claims.getSubject();
        List<String> audiences = claims.getAudience() == null ? List.of() : claims.getAudience();
        List<FederatedIdentityCredential> byIssuer = blueprint.federatedCredentials().stream()
                .filter(f -> f.issuer().equals(iss)).toList();
        if (byIssuer.isEmpty()) {
            throw EntraError.invalidClient(700211, "No matching federated identity record found for presented assertion"
                    + " issuer '" + iss + "'. Please note that the matching is done using a case-sensitive comparison."
                    + " Check your federated identity credential Subject, Audience and Issuer against the presented"
                    + " assertion. " + FIC_DOCUMENT);
        }
        List<FederatedIdentityCredential> byAudience = byIssuer.stream()
                .filter(f -> audiences.contains(f.audience())).toList();
        if (byAudience.isEmpty()) {
            throw EntraError.invalidClient(700212, "No matching federated identity record found for presented assertion"
                    + " audience '" + String.join(",", audiences) + "'. Please note that the matching is done using a"
                    + " case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer"
                    + " against the presented assertion.");
        }
        Optional<FederatedIdentityCredential> exact = byAudience.stream()
                .filter(f -> f.subject().equals(sub)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        if (sub != null && byAudience.stream().anyMatch(f -> f.subject().equalsIgnoreCase(sub))) {
            throw EntraError.invalidClient(7002138, "No matching federated identity record found for presented"
                    + " assertion subject '" + sub + "'. The subject matches with case-insensitive comparison, but not"
                    + " with case-sensitive comparison. Check your federated identity credential Subject, Audience and"
                    + " Issuer against the presented assertion. See documentation at: " + FIC_DOCUMENT + ".");
        }
        throw EntraError.invalidClient(700213, "No matching federated identity record found for presented assertion"
                + " subject '" + sub + "'. Check your federated identity credential Subject, Audience and Issuer against"
                + " the presented assertion. " + FIC_DOCUMENT);
    }

    private static EntraError noMatchingRecord(JWTClaimsSet claims) {
        return EntraError.invalidRequest(70021, "No matching federated identity record found for presented assertion."
                + " Assertion Issuer: '" + claims.getIssuer() + "'. Assertion Subject: '" + claims.getSubject()
                + "'. Assertion Audience: '" + String.join(",", claims.getAudience() == null ? List.of()
                : claims.getAudience()) + "'. " + FIC_DOCUMENT);
    }

    private RSAPublicKey signingKey(String issuer, String kid) {
        Optional<Tenant> own = ownTenant(issuer);
        if (own.isPresent()) {
            return publicKey(own.get().signingKey().publicJwk());
        }
        if (kid == null) {
            throw EntraError.invalidClient(700027, "Client assertion failed signature validation. [Reason - The"
                    + " assertion header has no 'kid'.]");
        }
        try {
            JWK key = externalKeys.key(issuer, kid).orElseThrow(() -> EntraError.invalidClient(700027,
                    "Client assertion failed signature validation. [Reason - The key '" + kid + "' was not found in the"
                            + " JWKS of issuer '" + issuer + "'.]"));
            if (!(key instanceof RSAKey rsa)) {
                throw EntraError.invalidClient(700027, "Client assertion failed signature validation. [Reason - The"
                        + " key '" + kid + "' of issuer '" + issuer + "' is not an RSA key.]");
            }
            return publicKey(rsa);
        } catch (IOException e) {
            throw EntraError.invalidRequest(50166, "Request to External OIDC endpoint failed. [Reason - "
                    + e.getMessage() + "]");
        }
    }

    /** An assertion issued by one of this emulator's tenants (e.g. a managed identity token). */
    private Optional<Tenant> ownTenant(String issuer) {
        String prefix = EntraEmulator.PUBLIC_AUTHORITY_HOST + "/";
        if (issuer == null || !issuer.startsWith(prefix) || !issuer.endsWith("/v2.0")) {
            return Optional.empty();
        }
        String tenantId = issuer.substring(prefix.length(), issuer.length() - "/v2.0".length());
        return directory.tenants().stream().filter(t -> t.id().equals(tenantId)).findFirst();
    }

    private static RSAPublicKey publicKey(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot read an RSA public key", e);
        }
    }
}
