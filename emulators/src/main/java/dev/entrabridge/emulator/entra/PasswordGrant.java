package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code grant_type=password} (ROPC) for a directory user with a password set by
 * {@link Tenant#password(String, String)}: how a demo or test obtains a user token whose audience
 * is the blueprint, to present for on-behalf-of. Like Entra, it needs a known public client
 * ({@code client_id}, no secret), the user's UPN and password, and a scope on one resource; the token
 * is in the resource's format, its {@code azp}/{@code appid} the public client ({@code azpacr} 0), its
 * {@code sub} pairwise for that client. {@code openid} adds {@code id_token} and {@code client_info},
 * {@code offline_access} a {@code refresh_token} the public client redeems without a credential.
 */
final class PasswordGrant {

    private final EntraEmulator settings;
    private final AgentTokens tokens;
    private final TokenEndpoint endpoint;

    PasswordGrant(EntraEmulator settings, AgentTokens tokens, TokenEndpoint endpoint) {
        this.settings = settings;
        this.tokens = tokens;
        this.endpoint = endpoint;
    }

    ObjectNode issue(Tenant tenant, RecordedRequest request) {
        String clientId = TokenEndpoint.required(request, "client_id");
        String username = TokenEndpoint.required(request, "username");
        String password = TokenEndpoint.required(request, "password");
        ScopeRequest scopes = ScopeRequest.parse(request.formParam("scope").orElse(null));
        requirePublicClient(tenant, clientId);
        DirectoryUser user = tenant.findUserByUpn(username)
                .filter(u -> tenant.passwordMatches(u.objectId(), password))
                .orElseThrow(() -> EntraError.invalidGrant(50126,
                        "Error validating credentials due to invalid username or password."));
        return answer(tenant, clientId, user.objectId(), user.userPrincipalName(), scopes);
    }

    /** Whether a refresh-token request comes from a public client (no credential in the body). */
    boolean isPublicClient(Tenant tenant, RecordedRequest request) {
        return request.formParam("client_secret").isEmpty() && request.formParam("client_assertion").isEmpty()
                && request.formParam("client_id").flatMap(tenant::findPublicClient).isPresent();
    }

    /** {@code grant_type=refresh_token} of the public client a password grant answered. */
    ObjectNode refresh(Tenant tenant, RecordedRequest request) {
        String clientId = TokenEndpoint.required(request, "client_id");
        RefreshTokens.Grant grant = settings.refreshTokens().redeem(TokenEndpoint.required(request, "refresh_token"),
                tenant.id(), clientId);
        return answer(tenant, clientId, grant.userOid(), grant.upn(),
                ScopeRequest.parse(request.formParam("scope").orElse(null)));
    }

    private ObjectNode answer(Tenant tenant, String clientId, String userOid, String upn, ScopeRequest scopes) {
        EntraEmulator.Audience audience = settings.audience(tenant, scopes.resource());
        // "/.default" stands for the consented scopes; the emulator's blueprints expose access_as_user.
        List<String> names = scopes.names().isEmpty() ? List.of("access_as_user") : List.copyOf(scopes.names());
        Duration lifetime = settings.tokenLifetime();
        String token = tokens.personToken(tenant, clientId, AgentTokens.PUBLIC_CLIENT, audience.value(),
                audience.format(), userOid, upn, Set.copyOf(names), lifetime);
        ObjectNode body = endpoint.response(token, lifetime);
        body.remove("refresh_in");
        body.put("scope", String.join(" ", names) + (scopes.openIdScopes().isEmpty() ? ""
                : " " + String.join(" ", scopes.openIdScopes())));
        if (scopes.openId()) {
            body.put("id_token", tokens.idToken(tenant, clientId, userOid, upn, lifetime));
            body.put("client_info", TokenEndpoint.clientInfo(userOid, tenant.id()));
        }
        if (scopes.offlineAccess()) {
            body.put("refresh_token", settings.refreshTokens().issue(tenant.id(), clientId, userOid, upn, false, true));
        }
        return body;
    }

    private static void requirePublicClient(Tenant tenant, String clientId) {
        if (tenant.findPublicClient(clientId).isEmpty()) {
            throw EntraError.unauthorizedClient(700016, "Application with identifier '" + clientId + "' was not found"
                    + " in the directory '" + tenant.id() + "' as a public client allowed to use the password grant.");
        }
    }
}
