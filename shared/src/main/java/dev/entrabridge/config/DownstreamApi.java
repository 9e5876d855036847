package dev.entrabridge.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A downstream API callers may obtain tokens for, by name (e.g. {@code graph}).
 *
 * @param name         the name used in routes ({@code /AuthorizationHeader/{name}})
 * @param baseUrl      fixed by configuration; callers can never change it (Microsoft's Graph entry:
 *                     {@code https://graph.microsoft.com/v1.0/})
 * @param scopes       the scopes requested for it, e.g. {@code https://graph.microsoft.com/.default}
 * @param allowedPaths relative-path prefixes (below {@code baseUrl}) callers may reach through the downstream
 *                     routes, e.g. {@code /users}; empty means any path below {@code baseUrl}
 * @param defaults     what a request that does not say otherwise uses: path, method, app token, token options
 */
public record DownstreamApi(String name, URI baseUrl, List<String> scopes, List<String> allowedPaths,
                            DownstreamDefaults defaults) {

    public DownstreamApi {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        scopes = List.copyOf(scopes);
        allowedPaths = List.copyOf(allowedPaths);
        defaults = defaults == null ? DownstreamDefaults.NONE : defaults;
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("downstream API '" + name + "' has no scopes");
        }
    }

    /** An API without configured defaults (GET, the base URL itself, the flow the route implies). */
    public DownstreamApi(String name, URI baseUrl, List<String> scopes, List<String> allowedPaths) {
        this(name, baseUrl, scopes, allowedPaths, DownstreamDefaults.NONE);
    }
}
