package dev.entrabridge.emulator.entra;

import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The claims of each token the token endpoint issues: T1 (blueprint for one agent identity),
 * exchange tokens (T2), app tokens, delegated user tokens and ID tokens, each with only the claims
 * of its format (the resource's {@code accessTokenAcceptedVersion}) as the access token claims
 * reference lists them, and the agent facets of the Agent ID token claims reference.
 */
final class AgentTokens {

    /**
     * Facets of the Agent ID token claims reference's sample autonomous agent token: the actor and the
     * subject are the agent identity ({@code 11}), {@code xms_idrel} its relation to the tenant.
     */
    static final String AUTONOMOUS_ACTOR_FACETS = "3 9 11";
    static final String AUTONOMOUS_SUBJECT_FACETS = "9 3 11";
    static final String AUTONOMOUS_RELATION = "7 10";
    static final String AUTONOMOUS_TENANT_FACETS = "3 9";
    /** A person's facets in an agent's on-behalf-of token, as real OBO tokens of agents carry them. */
    static final String USER_SUBJECT_FACETS = "3 12";
    /** The agent user facet ({@code 13}) in an agent user's token. */
    static final String AGENT_USER_SUBJECT_FACETS = "13";
    /** A public client authenticates with nothing: {@code azpacr}/{@code appidacr} {@code 0}. */
    static final String PUBLIC_CLIENT = "0";

    private final TokenIssuer issuer;

    AgentTokens(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    /**
     * T1: the blueprint's token for {@code api://AzureADTokenExchange} whose subject is the fmi path naming the
     * agent identity ({@link FmiSubject}).
     */
    String t1(Tenant tenant, AuthenticatedClient blueprint, AgentIdentity agent, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(AgentCredentialCheck.EXCHANGE_AUDIENCE)
                .subject(FmiSubject.of(tenant.id(), blueprint.appId(), agent.appId()))
                .claim("azp", blueprint.appId())
                .claim("azpacr", blueprint.authentication())
                .claim("oid", blueprint.objectId())
                .claim("idtyp", "app");
        return issuer.sign(tenant, claims, lifetime, TokenFormat.V2);
    }

    /** A client's own token for {@code api://AzureADTokenExchange} (T2 for an agent identity); v2, like T1. */
    String exchangeToken(Tenant tenant, AuthenticatedClient client, Duration lifetime) {
        JWTClaimsSet.Builder claims = appClaims(client, TokenFormat.V2, tenant)
                .audience(AgentCredentialCheck.EXCHANGE_AUDIENCE);
        return issuer.sign(tenant, claims, lifetime, TokenFormat.V2);
    }

    /** An application token for {@code resource} carrying the granted {@code roles}, in the resource's format. */
    String appToken(Tenant tenant, AuthenticatedClient client, ResourceApp resource, Set<String> roles,
                    Duration lifetime) {
        TokenFormat format = resource.tokenFormat();
        JWTClaimsSet.Builder claims = appClaims(client, format, tenant).audience(audience(resource, format));
        if (!roles.isEmpty()) {
            claims.claim("roles", List.copyOf(roles));
        }
        return issuer.sign(tenant, claims, lifetime, format);
    }

    /** A delegated token for a user (OBO) or an agent user (user_fic) with the granted scopes. */
    String userToken(Tenant tenant, AuthenticatedClient client, ResourceApp resource, String userOid, String upn,
                     Set<String> scopes, boolean agentUser, Duration lifetime) {
        TokenFormat format = resource.tokenFormat();
        JWTClaimsSet.Builder claims = delegatedClaims(tenant.id(), client.appId(), client.authentication(), format,
                audience(resource, format), userOid, upn, scopes);
        if (client.isAgent()) {
            claims.claim("xms_act_fct", AUTONOMOUS_ACTOR_FACETS)
                    .claim("xms_sub_fct", agentUser ? AGENT_USER_SUBJECT_FACETS : USER_SUBJECT_FACETS)
                    .claim("xms_par_app_azp", client.blueprint().appId());
        }
        return issuer.sign(tenant, claims, lifetime, format);
    }

    /** A person's token from their own (public or front-end) application, as ROPC or a sign-in gives it. */
    String personToken(Tenant tenant, String clientAppId, String clientAuthentication, String audience,
                       TokenFormat format, String userOid, String upn, Set<String> scopes, Duration lifetime) {
        return issuer.sign(tenant, delegatedClaims(tenant.id(), clientAppId, clientAuthentication, format, audience,
                userOid, upn, scopes), lifetime, format);
    }

    /** The v2 ID token returned with delegated tokens when {@code openid} was requested (ID token claims reference). */
    String idToken(Tenant tenant, String clientId, String userOid, String upn, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(clientId)
                .subject(pairwiseSubject(tenant.id(), clientId, userOid))
                .claim("oid", userOid)
                .claim("preferred_username", upn)
                .claim("name", upn);
        return issuer.sign(tenant, claims, lifetime, TokenFormat.V2);
    }

    private static JWTClaimsSet.Builder delegatedClaims(String tenantId, String clientAppId, String authentication,
                                                       TokenFormat format, String audience, String userOid,
                                                       String upn, Set<String> scopes) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(audience)
                .subject(pairwiseSubject(tenantId, clientAppId, userOid))
                .claim("oid", userOid)
                .claim(format.clientClaim(), clientAppId)
                .claim(format.clientAuthenticationClaim(), authentication)
                .claim("idtyp", "user")
                .claim("scp", String.join(" ", scopes));
        if (format == TokenFormat.V1) {
            claims.claim("upn", upn).claim("unique_name", upn);
        } else {
            claims.claim("preferred_username", upn);
        }
        return claims;
    }

    private static JWTClaimsSet.Builder appClaims(AuthenticatedClient client, TokenFormat format, Tenant tenant) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(client.objectId())
                .claim("oid", client.objectId())
                .claim(format.clientClaim(), client.appId())
                .claim(format.clientAuthenticationClaim(), client.authentication())
                .claim("idtyp", "app");
        if (format == TokenFormat.V1) {
            // v1 app-only tokens name the identity provider: the tenant's own STS.
            claims.claim("idp", format.issuer(tenant.id()));
        }
        if (client.isAgent()) {
            claims.claim("xms_act_fct", AUTONOMOUS_ACTOR_FACETS)
                    .claim("xms_sub_fct", AUTONOMOUS_SUBJECT_FACETS)
                    .claim("xms_idrel", AUTONOMOUS_RELATION)
                    .claim("xms_tnt_fct", AUTONOMOUS_TENANT_FACETS)
                    .claim("xms_par_app_azp", client.blueprint().appId());
        }
        return claims;
    }

    /**
     * Entra's {@code aud}: v2 tokens name the resource by appId, except Microsoft first-party resources, which keep
     * their identifier URI (Graph tokens carry {@code https://graph.microsoft.com}); v1 tokens name it as requested,
     * by identifier URI.
     */
    static String audience(ResourceApp resource, TokenFormat format) {
        return format == TokenFormat.V1 || resource.isGraph() ? resource.identifierUri() : resource.appId();
    }

    /**
     * A user's {@code sub}: "a pairwise identifier that's unique to a particular application ID", so two clients
     * see two values. Derived, as Entra's is, and shaped like it (43 base64url characters).
     */
    static String pairwiseSubject(String tenantId, String clientAppId, String userOid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((tenantId + "|" + clientAppId + "|" + userOid)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 32));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
