package dev.entrabridge.emulator.entra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code scope} parameter split into the OpenID scopes MSAL always appends ({@code openid
 * profile offline_access}) and the resource scopes, which must all name one resource.
 */
final class ScopeRequest {

    private static final Set<String> OIDC = Set.of("openid", "profile", "offline_access", "email");
    /** A bare scope name (e.g. {@code User.Read}) means Microsoft Graph, as in Entra. */
    static final String GRAPH = "https://graph.microsoft.com";

    private final List<String> openIdScopes;
    private final String resource;
    private final List<String> names;

    private ScopeRequest(List<String> openIdScopes, String resource, List<String> names) {
        this.openIdScopes = openIdScopes;
        this.resource = resource;
        this.names = names;
    }

    static ScopeRequest parse(String scope) {
        List<String> all = Arrays.stream(scope == null ? new String[0] : scope.trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        List<String> openIdScopes = all.stream().filter(OIDC::contains).distinct().toList();
        String resource = null;
        List<String> names = new ArrayList<>();
        for (String s : all) {
            if (OIDC.contains(s)) {
                continue;
            }
            int slash = s.lastIndexOf('/');
            String r = slash < 0 ? GRAPH : s.substring(0, slash);
            String name = slash < 0 ? s : s.substring(slash + 1);
            if (resource != null && !resource.equals(r)) {
                throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid."
                        + " The scopes name more than one resource ('" + resource + "' and '" + r + "').");
            }
            resource = r;
            names.add(name);
        }
        if (resource == null) {
            throw EntraError.invalidRequest(900144, "The request body must contain the following parameter: 'scope'.");
        }
        return new ScopeRequest(openIdScopes, resource, List.copyOf(names));
    }

    /** The resource of a client_credentials request: exactly one {@code <resource>/.default}. */
    String requireDefaultResource() {
        if (names.size() != 1 || !".default".equals(names.get(0))) {
            throw EntraError.invalidScope(70011, "The provided value for the input parameter 'scope' is not valid. The"
                    + " scope " + resourceScopes() + " is not valid. Use '<resource>/.default' for this grant.");
        }
        return resource;
    }

    boolean openId() {
        return openIdScopes.contains("openid");
    }

    /** {@code offline_access} asks for a refresh token with a delegated token. */
    boolean offlineAccess() {
        return openIdScopes.contains("offline_access");
    }

    /** The OpenID scopes asked for, in the order given (Entra lists them in the answer's {@code scope}). */
    List<String> openIdScopes() {
        return openIdScopes;
    }

    String resource() {
        return resource;
    }

    boolean isDefault() {
        return names.contains(".default");
    }

    /** Named delegated scopes (without {@code .default}). */
    Set<String> names() {
        Set<String> result = new LinkedHashSet<>(names);
        result.remove(".default");
        return result;
    }

    String resourceScopes() {
        return String.join(" ", names.stream().map(n -> resource + "/" + n).toList());
    }
}
