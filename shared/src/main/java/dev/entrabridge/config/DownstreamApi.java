package dev.entrabridge.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A downstream API callers may obtain tokens for, by name (e.g. {@code graph}).
 *
 * @param name         the name used in routes ({@code /AuthorizationHeader/{name}})
 * @param baseUrl      fixed by configuration; callers can never change it
 * @param scopes       the scopes requested for it, e.g. {@code https://graph.microsoft.com/.default}
 * @param allowedPaths relative-path prefixes callers may reach through the downstream routes
 *                     (e.g. {@code /v1.0/users}); empty means none
 */
public record DownstreamApi(String name, URI baseUrl, List<String> scopes, List<String> allowedPaths) {

    public DownstreamApi {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        scopes = List.copyOf(scopes);
        allowedPaths = List.copyOf(allowedPaths);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("downstream API '" + name + "' has no scopes");
        }
    }
}
