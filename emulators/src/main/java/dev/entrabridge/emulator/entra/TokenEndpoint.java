package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: authenticates the client, applies the grant's rules
 * (client_credentials with or without fmi_path, on-behalf-of, user_fic) and issues tokens, or
 * answers Entra's error JSON.
 */
final class TokenEndpoint {

    static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Directory directory;
    private final Clock clock;
    private final TokenIssuer issuer;
    private final ClientAuthentication authentication;
    private final AgentTokens agentTokens;
    private final EntraEmulator settings;
    private final PasswordGrant passwordGrant;

    TokenEndpoint(Directory directory, Clock clock, TokenIssuer issuer, ClientAuthentication authentication,
                  EntraEmulator settings) {
        this.directory = directory;
        this.clock = clock;
        this.issuer = issuer;
        this.authentication = authentication;
        this.agentTokens = new AgentTokens(issuer);
        this.settings = settings;
        this.passwordGrant = new PasswordGrant(settings, agentTokens, this);
    }

    EmulatorResponse handle(RecordedRequest request, String tenantSegment) {
        String correlationId = correlationId(request);
        try {
            return EmulatorResponse.json(200, issue(request, tenantSegment).toString())
                    .withHeader("client-request-id", correlationId)
                    .withHeader("Cache-Control", "no-store, no-cache");
        } catch (EntraError e) {
            return e.toResponse(clock.instant(), correlationId);
        }
    }

    /**
     * The caller's correlation id: MSAL4J sends {@code client-request-id} as a header, msal-node in the token
     * URL's query string and the form body; Entra echoes whichever it got, else answers a fresh one.
     */
    static String correlationId(RecordedRequest request) {
        return request.header("client-request-id")
                .or(() -> request.queryParam("client-request-id"))
                .or(() -> "POST".equals(request.method()) ? request.formParam("client-request-id") : Optional.empty())
                .filter(TokenEndpoint::isGuid)
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private static boolean isGuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String required(RecordedRequest request, String name) {
        return request.formParam(name).filter(v -> !v.isBlank()).orElseThrow(() -> EntraError.invalidRequest(900144,
                "The request body must contain the following parameter: '" + name + "'."));
    }

    private ObjectNode issue(RecordedRequest request, String tenantSegment) {
        if (!"POST".equals(request.method())) {
            throw EntraError.invalidRequest(900561, "The endpoint only accepts POST requests. Received a "
                    + request.method() + " request.");
        }
        Tenant tenant = directory.find(tenantSegment).orElseThrow(() -> EntraError.invalidRequest(90002, "Tenant '"
                + tenantSegment + "' not found. Check to make sure you have the correct tenant ID and are signing into"
                + " the correct cloud. Check with your subscription administrator, this may happen if there are no"
                + " active subscriptions for the tenant."));
        String grant = required(request, "grant_type");
        if (TOKEN_EXCHANGE_GRANT.equals(grant)) {
            throw EntraError.unsupportedGrantType(82001, "The grant type '" + TOKEN_EXCHANGE_GRANT + "' is not supported"
                    + " for agent identities. Use client_credentials with fmi_path for the blueprint token, then a"
                    + " client_assertion for the agent identity.");
        }
        if ("password".equals(grant)) {
            // A public client: no client credential to authenticate.
            return passwordGrant.issue(tenant, request);
        }
        if ("refresh_token".equals(grant) && passwordGrant.isPublicClient(tenant, request)) {
            return passwordGrant.refresh(tenant, request);
        }
        AuthenticatedClient client = authentication.authenticate(tenant, tenantSegment, request);
        ScopeRequest scopes = ScopeRequest.parse(request.formParam("scope").orElse(null));
        switch (grant) {
            case "client_credentials":
                return clientCredentials(tenant, client, scopes, request.formParam("fmi_path").orElse(null));
            case JWT_BEARER_GRANT:
                return onBehalfOf(tenant, client, scopes, request);
            case "user_fic":
                return userFic(tenant, client, scopes, request);
            case "refresh_token":
                return refresh(tenant, client, scopes, request);
            default:
                throw EntraError.unsupportedGrantType(70003, "The app requested an unsupported grant type '" + grant
                        + "'.");
        }
    }

    private ObjectNode clientCredentials(Tenant tenant, AuthenticatedClient client, ScopeRequest scopes,
                                         String fmiPath) {
        String resource = scopes.requireDefaultResource();
        Duration lifetime = settings.tokenLifetime();
        if (fmiPath != null) {
            AgentIdentity agent = fmiTarget(tenant, client, fmiPath);
            if (!AgentCredentialCheck.EXCHANGE_AUDIENCE.equals(resource)) {
                throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid."
                        + " With fmi_path the scope must be '" + AgentCredentialCheck.EXCHANGE_AUDIENCE + "/.default'.");
            }
            return response(agentTokens.t1(tenant, client, agent, lifetime), lifetime);
        }
        if (AgentCredentialCheck.EXCHANGE_AUDIENCE.equals(resource)) {
            return response(agentTokens.exchangeToken(tenant, client, lifetime), lifetime);
        }
        ResourceApp app = resource(tenant, resource);
        Set<String> roles = tenant.appRoleGrants(client.appId(), app.identifierUri());
        return response(agentTokens.appToken(tenant, client, app, roles, lifetime), lifetime);
    }

    private static AgentIdentity fmiTarget(Tenant tenant, AuthenticatedClient client, String fmiPath) {
        AgentIdentity agent = client.isAgent() ? null : tenant.findAgentIdentity(fmiPath)
                .filter(a -> a.blueprintAppId().equals(client.blueprint().appId())).orElse(null);
        if (agent == null) {
            throw EntraError.invalidRequest(9002313, "Invalid request. Request is malformed or invalid. [Reason -"
                    + " fmi_path '" + fmiPath + "' must name an agent identity of the blueprint presenting it; client '"
                    + client.appId() + "' " + (client.isAgent() ? "is an agent identity, not a blueprint."
                    : "has no agent identity with that appId.") + "]");
        }
        if (!agent.enabled()) {
            throw ClientAuthentication.disabled(agent.appId());
        }
        return agent;
    }

    private ObjectNode onBehalfOf(Tenant tenant, AuthenticatedClient client, ScopeRequest scopes,
                                  RecordedRequest request) {
        if (!"on_behalf_of".equals(request.formParam("requested_token_use").orElse(null))) {
            throw EntraError.invalidRequest(900144, "The request body must contain the following parameter:"
                    + " 'requested_token_use' with the value 'on_behalf_of'.");
        }
        SignedJWT jwt = AssertionChecks.parse(required(request, "assertion"), false);
        JWTClaimsSet claims = AssertionChecks.claims(jwt);
        // Either format of the tenant's user tokens: an API registered for v1 gets v1 tokens to pass on.
        boolean v1 = TokenFormat.V1.issuer(tenant.id()).equals(claims.getIssuer());
        if (!(v1 || TokenFormat.V2.issuer(tenant.id()).equals(claims.getIssuer())) || !signedByTenant(tenant, jwt)) {
            throw EntraError.invalidGrant(50013, "Assertion failed signature validation. [Reason - The user assertion"
                    + " was not issued by tenant '" + tenant.id() + "'.]");
        }
        String blueprintAppId = client.blueprint().appId();
        String aud = AssertionChecks.audience(claims);
        // v2 tokens name the blueprint by appId; v1 tokens name it as the client asked for it: its appId or one of
        // the identifier URIs it is registered under as an API.
        boolean aimedAtBlueprint = blueprintAppId.equals(aud) || v1 && tenant.findResource(aud)
                .filter(api -> api.appId().equals(blueprintAppId)).isPresent();
        if (!aimedAtBlueprint) {
            throw EntraError.invalidGrant(50013, "Assertion audience does not match the Client app presenting the"
                    + " assertion. The audience in the assertion was '" + AssertionChecks.audience(claims)
                    + "' and the expected audience is '" + blueprintAppId + "': for an agent identity the user token's"
                    + " audience must be its blueprint.");
        }
        Instant now = clock.instant();
        if (!AssertionChecks.withinValidity(claims, now)) {
            throw EntraError.invalidGrant(500133, "Assertion is not within its valid time range. Ensure that the access"
                    + " token is not expired before using it for user assertion, or request a new token. Current time: "
                    + now + ", expiry time of assertion " + claims.getExpirationTime().toInstant() + ".");
        }
        String oid = AssertionChecks.stringClaim(claims, "oid");
        DirectoryUser user = tenant.findUser(oid == null ? "" : oid).orElseThrow(() -> EntraError.invalidGrant(50034,
                "The user account " + oid + " does not exist in the " + tenant.id() + " directory."));
        return delegated(tenant, client, scopes, user.objectId(), user.userPrincipalName(), false);
    }

    /** {@code grant_type=refresh_token} of a confidential client (an agent's OBO or agent-user session). */
    private ObjectNode refresh(Tenant tenant, AuthenticatedClient client, ScopeRequest scopes, RecordedRequest request) {
        RefreshTokens.Grant grant = settings.refreshTokens().redeem(required(request, "refresh_token"), tenant.id(),
                client.appId());
        return delegated(tenant, client, scopes, grant.userOid(), grant.upn(), grant.agentUser());
    }

    private ObjectNode userFic(Tenant tenant, AuthenticatedClient client, ScopeRequest scopes,
                               RecordedRequest request) {
        if (!client.isAgent()) {
            throw EntraError.invalidRequest(9002313, "Invalid request. Request is malformed or invalid. [Reason - the"
                    + " user_fic grant is for agent identities; '" + client.appId() + "' is a blueprint.]");
        }
        new AgentCredentialCheck(clock).checkT2(tenant, client.agent(),
                required(request, "user_federated_identity_credential"));
        String userKey = request.formParam("user_id").or(() -> request.formParam("username"))
                .orElseThrow(() -> EntraError.invalidRequest(900144, "The request body must contain the following"
                        + " parameter: 'user_id' or 'username'."));
        AgentUser user = tenant.findAgentUser(userKey).orElseThrow(() -> EntraError.invalidGrant(50034,
                "The user account " + userKey + " does not exist in the " + tenant.id() + " directory."));
        if (!user.agentIdentityAppId().equals(client.appId())) {
            throw EntraError.invalidRequest(9002313, "Invalid request. Request is malformed or invalid. [Reason - agent"
                    + " user '" + user.userPrincipalName() + "' is bound to another agent identity, not '"
                    + client.appId() + "'.]");
        }
        return delegated(tenant, client, scopes, user.objectId(), user.userPrincipalName(), true);
    }

    private ObjectNode delegated(Tenant tenant, AuthenticatedClient client, ScopeRequest scopes, String userOid,
                                 String upn, boolean agentUser) {
        ResourceApp app = resource(tenant, scopes.resource());
        Set<String> consented = tenant.consentedScopes(client.appId(), app.identifierUri());
        // Entra matches scope names case-insensitively (user.read is User.Read) and issues the consented spelling.
        Set<String> granted = scopes.isDefault() ? consented : scopes.names().stream()
                .map(n -> consented.stream().filter(c -> c.equalsIgnoreCase(n)).findFirst().orElse(n))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (granted.isEmpty() || !consented.containsAll(granted)) {
            throw EntraError.invalidGrant(65001, "The user or administrator has not consented to use the application"
                    + " with ID '" + client.appId() + "' named '" + client.appId() + "'. Send an interactive"
                    + " authorization request for this user and resource. [Missing: " + app.identifierUri() + " "
                    + (granted.isEmpty() ? "(any scope)" : String.join(" ", granted)) + "]");
        }
        Duration lifetime = settings.tokenLifetime();
        String token = agentTokens.userToken(tenant, client, app, userOid, upn, granted, agentUser, lifetime);
        StringBuilder scope = new StringBuilder(String.join(" ",
                granted.stream().map(s -> app.identifierUri() + "/" + s).toList()));
        if (scopes.isDefault()) {
            scope.append(' ').append(app.identifierUri()).append("/.default");
        }
        ObjectNode body = response(token, lifetime);
        body.put("scope", scope.toString());
        if (scopes.openId()) {
            body.put("scope", scope + " " + String.join(" ", scopes.openIdScopes()));
            body.put("id_token", agentTokens.idToken(tenant, client.appId(), userOid, upn, lifetime));
            body.put("client_info", clientInfo(userOid, tenant.id()));
        }
        if (scopes.offlineAccess()) {
            body.put("refresh_token", settings.refreshTokens().issue(tenant.id(), client.appId(), userOid, upn,
                    agentUser, false));
        }
        return body;
    }

    private static ResourceApp resource(Tenant tenant, String resource) {
        return tenant.findResource(resource).orElseThrow(() -> EntraError.invalidResource(500011, "The resource"
                + " principal named " + resource + " was not found in the tenant named " + tenant.id() + ". This can"
                + " happen if the application has not been installed by the administrator of the tenant or consented to"
                + " by any user in the tenant. You might have sent your authentication request to the wrong tenant."));
    }

    private boolean signedByTenant(Tenant tenant, SignedJWT jwt) {
        try {
            return AssertionChecks.verifies(jwt, tenant.signingKey().publicJwk().toRSAPublicKey());
        } catch (com.nimbusds.jose.JOSEException e) {
            return false;
        }
    }

    /**
     * Entra's success body: {@code token_type}, {@code expires_in}, {@code ext_expires_in}, {@code refresh_in}
     * (when proactive refresh applies) and {@code access_token}; client-credentials answers carry no
     * {@code scope}, delegated ones add it.
     */
    ObjectNode response(String accessToken, Duration lifetime) {
        ObjectNode body = JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", lifetime.toSeconds());
        body.put("ext_expires_in", lifetime.toSeconds());
        body.put("refresh_in", Math.min(settings.refreshIn().toSeconds(), lifetime.toSeconds()));
        body.put("access_token", accessToken);
        return body;
    }

    static String clientInfo(String oid, String tenantId) {
        String json = "{\"uid\":\"" + oid + "\",\"utid\":\"" + tenantId + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
