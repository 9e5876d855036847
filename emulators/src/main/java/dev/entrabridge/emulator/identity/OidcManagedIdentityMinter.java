package dev.entrabridge.emulator.identity;

import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;

import java.time.Duration;
import java.text.ParseException;
import java.util.Map;

/**
 * A {@link ManagedIdentityTokenMinter} backed by an {@link OidcIssuerEmulator}: tokens carry
 * {@code sub}/{@code oid} = principal id and {@code appid}/{@code azp} = client id, like Entra's
 * managed identity tokens, and verify against that issuer's JWKS.
 */
public final class OidcManagedIdentityMinter implements ManagedIdentityTokenMinter {

    private final OidcIssuerEmulator issuer;
    private final Duration lifetime;

    public OidcManagedIdentityMinter(OidcIssuerEmulator issuer, Duration lifetime) {
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    @Override
    public MintedToken mint(String resource, ManagedIdentity identity) {
        String token = issuer.mint(identity.principalId(), resource, lifetime, Map.of(
                "oid", identity.principalId(), "appid", identity.clientId(), "azp", identity.clientId(),
                "idtyp", "app"));
        try {
            // Report the exp the token itself carries, so expires_on and the JWT never disagree.
            return new MintedToken(token, SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new IllegalStateException("the OIDC issuer minted an unparsable token", e);
        }
    }
}
