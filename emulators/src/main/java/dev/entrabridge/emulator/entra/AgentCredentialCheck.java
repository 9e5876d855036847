package dev.entrabridge.emulator.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Instant;

/**
 * Checks the tokens only this tenant can issue and that agent identities present: T1 (the
 * blueprint's exchange token for one agent identity, used as client assertion) and T2 (the
 * agent identity's own exchange token, used as {@code user_federated_identity_credential}).
 */
final class AgentCredentialCheck {

    static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

    private final Clock clock;

    AgentCredentialCheck(Clock clock) {
        this.clock = clock;
    }

    void checkT1(Tenant tenant, AgentIdentity agent, SignedJWT jwt, JWTClaimsSet claims) {
        if (!TokenIssuer.issuer(tenant).equals(claims.getIssuer())) {
            throw EntraError.invalidClient(700211, "No matching federated identity record found for presented assertion"
                    + " issuer '" + claims.getIssuer() + "'. An agent identity accepts only a token its blueprint '"
                    + agent.blueprintAppId() + "' obtained for it from this tenant (client_credentials with fmi_path).");
        }
        requireSignedBy(tenant, jwt, true);
        if (!EXCHANGE_AUDIENCE.equals(AssertionChecks.audience(claims))
                || !agent.blueprintAppId().equals(AssertionChecks.stringClaim(claims, "azp"))
                || !FmiSubject.of(tenant.id(), agent.blueprintAppId(), agent.appId()).equals(claims.getSubject())) {
            throw EntraError.invalidClient(50013, "Assertion failed validation. [Reason - The client assertion of agent"
                    + " identity '" + agent.appId() + "' must be a token for '" + EXCHANGE_AUDIENCE + "' issued to its"
                    + " blueprint '" + agent.blueprintAppId() + "' with fmi_path '" + agent.appId() + "'.]");
        }
        Instant now = clock.instant();
        if (!AssertionChecks.withinValidity(claims, now)) {
            throw AssertionChecks.outsideValidity(claims, now);
        }
    }

    /** The {@code user_federated_identity_credential} of the user_fic grant. */
    void checkT2(Tenant tenant, AgentIdentity agent, String token) {
        SignedJWT jwt = AssertionChecks.parse(token, false);
        JWTClaimsSet claims = AssertionChecks.claims(jwt);
        if (!TokenIssuer.issuer(tenant).equals(claims.getIssuer()) || !requireSignedBy(tenant, jwt, false)
                || !EXCHANGE_AUDIENCE.equals(AssertionChecks.audience(claims))
                || !agent.appId().equals(AssertionChecks.stringClaim(claims, "azp"))) {
            throw EntraError.invalidGrant(50013, "Assertion failed validation. [Reason - The"
                    + " user_federated_identity_credential must be a token for '" + EXCHANGE_AUDIENCE + "' issued by this"
                    + " tenant to the agent identity '" + agent.appId() + "' itself.]");
        }
        Instant now = clock.instant();
        if (!AssertionChecks.withinValidity(claims, now)) {
            throw EntraError.invalidGrant(700024, "The user_federated_identity_credential is not within its valid time"
                    + " range. Current time: " + now + ", expiry time of assertion "
                    + claims.getExpirationTime().toInstant() + ".");
        }
    }

    private static boolean requireSignedBy(Tenant tenant, SignedJWT jwt, boolean client) {
        boolean ok;
        try {
            ok = tenant.signingKeyId().equals(jwt.getHeader().getKeyID())
                    && AssertionChecks.verifies(jwt, tenant.signingKey().publicJwk().toRSAPublicKey());
        } catch (JOSEException e) {
            ok = false;
        }
        if (!ok && client) {
            throw EntraError.invalidClient(700027, "Client assertion failed signature validation.");
        }
        return ok;
    }
}
