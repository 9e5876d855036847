package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code grant_type=password} (ROPC) for a directory user with a password set by
 * {@link Tenant#password(String, String)}: how a demo or test obtains a user token whose audience
 * is the blueprint, to present for on-behalf-of. Like Entra, it needs a known public client
 * ({@code client_id}, no secret), the user's UPN and password, and a scope on one resource; the token's
 * {@code aud} is that resource's appId (a blueprint named by {@code api://<appId>} or its appId).
 */
final class PasswordGrant {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntraEmulator settings;

    PasswordGrant(EntraEmulator settings) {
        this.settings = settings;
    }

    ObjectNode issue(Tenant tenant, RecordedRequest request) {
        String clientId = TokenEndpoint.required(request, "client_id");
        String username = TokenEndpoint.required(request, "username");
        String password = TokenEndpoint.required(request, "password");
        ScopeRequest scopes = ScopeRequest.parse(request.formParam("scope").orElse(null));
        if (tenant.findPublicClient(clientId).isEmpty()) {
            throw EntraError.unauthorizedClient(700016, "Application with identifier '" + clientId + "' was not found"
                    + " in the directory '" + tenant.id() + "' as a public client allowed to use the password grant.");
        }
        DirectoryUser user = tenant.findUserByUpn(username)
                .filter(u -> tenant.passwordMatches(u.objectId(), password))
                .orElseThrow(() -> EntraError.invalidGrant(50126,
                        "Error validating credentials due to invalid username or password."));
        String audience = audience(tenant, scopes.resource());
        // "/.default" stands for the consented scopes; the emulator's blueprints expose access_as_user.
        List<String> names = scopes.names().isEmpty() ? List.of("access_as_user") : List.copyOf(scopes.names());
        Duration lifetime = settings.tokenLifetime();
        String token = settings.mintUserToken(tenant.id(), user.objectId(), audience, Set.copyOf(names), lifetime);
        ObjectNode body = JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("scope", String.join(" ", names));
        body.put("expires_in", lifetime.toSeconds());
        body.put("ext_expires_in", lifetime.toSeconds());
        body.put("access_token", token);
        return body;
    }

    private static String audience(Tenant tenant, String resource) {
        String appId = resource.startsWith("api://") ? resource.substring("api://".length()) : resource;
        if (tenant.findBlueprint(appId).isPresent()) {
            return appId;
        }
        return tenant.findResource(resource).map(ResourceApp::appId).orElseThrow(() -> EntraError.invalidResource(500011,
                "The resource principal named " + resource + " was not found in the tenant named " + tenant.id() + "."));
    }
}
