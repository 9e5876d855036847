package dev.entrabridge.emulator.entra;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The claims of each token the token endpoint issues: T1 (blueprint for one agent identity),
 * exchange tokens (T2), app tokens, delegated user tokens and ID tokens.
 */
final class AgentTokens {

    /** Facet numbers Entra puts in {@code xms_act_fct} / {@code xms_sub_fct}. */
    static final String AGENT_IDENTITY_FACET = "11";
    static final String AGENT_USER_FACET = "13";

    private final TokenIssuer issuer;

    AgentTokens(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    /**
     * T1: the blueprint's token for {@code api://AzureADTokenExchange} whose subject is the fmi path naming the
     * agent identity ({@link FmiSubject}).
     */
    String t1(Tenant tenant, BlueprintApp blueprint, AgentIdentity agent, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(AgentCredentialCheck.EXCHANGE_AUDIENCE)
                .subject(FmiSubject.of(tenant.id(), blueprint.appId(), agent.appId()))
                .claim("azp", blueprint.appId())
                .claim("appid", blueprint.appId())
                .claim("oid", blueprint.objectId())
                .claim("idtyp", "app")
                .claim("azpacr", "1");
        return issuer.sign(tenant, claims, lifetime);
    }

    /** A client's own token for {@code api://AzureADTokenExchange} (T2 for an agent identity). */
    String exchangeToken(Tenant tenant, AuthenticatedClient client, Duration lifetime) {
        return issuer.sign(tenant, appClaims(client).audience(AgentCredentialCheck.EXCHANGE_AUDIENCE), lifetime);
    }

    /** An application token for {@code resource} carrying the granted {@code roles}. */
    String appToken(Tenant tenant, AuthenticatedClient client, ResourceApp resource, Set<String> roles,
                    Duration lifetime) {
        JWTClaimsSet.Builder claims = appClaims(client).audience(audience(resource));
        if (!roles.isEmpty()) {
            claims.claim("roles", List.copyOf(roles));
        }
        return issuer.sign(tenant, claims, lifetime);
    }

    /** A delegated token for a user (OBO) or an agent user (user_fic) with the granted scopes. */
    String userToken(Tenant tenant, AuthenticatedClient client, ResourceApp resource, String userOid, String upn,
                     Set<String> scopes, boolean agentUser, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(audience(resource))
                .subject(userOid)
                .claim("oid", userOid)
                .claim("upn", upn)
                .claim("preferred_username", upn)
                .claim("azp", client.appId())
                .claim("appid", client.appId())
                .claim("idtyp", "user")
                .claim("scp", String.join(" ", scopes));
        if (client.isAgent()) {
            claims.claim("xms_par_app_azp", client.blueprint().appId())
                    .claim("xms_act_fct", AGENT_IDENTITY_FACET);
        }
        if (agentUser) {
            claims.claim("xms_sub_fct", AGENT_USER_FACET);
        }
        return issuer.sign(tenant, claims, lifetime);
    }

    /** The v2 ID token returned with delegated tokens when {@code openid} was requested. */
    String idToken(Tenant tenant, String clientId, String userOid, String upn, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(clientId)
                .subject(userOid)
                .claim("oid", userOid)
                .claim("preferred_username", upn)
                .claim("name", upn);
        return issuer.sign(tenant, claims, lifetime);
    }

    private static JWTClaimsSet.Builder appClaims(AuthenticatedClient client) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(client.objectId())
                .claim("oid", client.objectId())
                .claim("azp", client.appId())
                .claim("appid", client.appId())
                .claim("idtyp", "app")
                .claim("azpacr", "2");
        if (client.isAgent()) {
            claims.claim("xms_par_app_azp", client.blueprint().appId())
                    .claim("xms_act_fct", AGENT_IDENTITY_FACET);
        }
        return claims;
    }

    /**
     * Entra's v2 {@code aud}: Microsoft first-party resources keep their identifier URI (Graph tokens carry
     * {@code https://graph.microsoft.com}); other APIs get their appId.
     */
    static String audience(ResourceApp resource) {
        return resource.identifierUri().startsWith(ScopeRequest.GRAPH) ? resource.identifierUri() : resource.appId();
    }
}
