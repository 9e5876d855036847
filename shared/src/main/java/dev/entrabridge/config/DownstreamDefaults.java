package dev.entrabridge.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-API settings Microsoft's sidecar reads besides the base URL and scopes, used when a request
 * does not override them: {@code DownstreamApis__<name>__RelativePath}, {@code __HttpMethod},
 * {@code __RequestAppToken} and {@code __AcquireTokenOptions__Tenant|ForceRefresh|Claims}.
 *
 * @param relativePath    the path below the base URL, {@code ""} for the base URL itself
 * @param httpMethod      upper case, {@code GET} by default
 * @param requestAppToken whether the authenticated routes ask for an app token rather than on-behalf-of
 * @param tenant          the tenant override, if configured (it must be the bridge's own tenant)
 * @param forceRefresh    whether every request bypasses the caches
 * @param claims          a claims request (JSON) sent with every token request, if configured
 */
public record DownstreamDefaults(String relativePath, String httpMethod, boolean requestAppToken,
                                 Optional<String> tenant, boolean forceRefresh, Optional<String> claims) {

    /** Microsoft's defaults: GET the base URL, the route's own flow, no token options. */
    public static final DownstreamDefaults NONE = new DownstreamDefaults("", "GET", false, Optional.empty(), false,
            Optional.empty());

    public DownstreamDefaults {
        relativePath = relativePath == null ? "" : relativePath;
        httpMethod = Objects.requireNonNull(httpMethod, "httpMethod").toUpperCase(Locale.ROOT);
        tenant = tenant == null ? Optional.empty() : tenant;
        claims = claims == null ? Optional.empty() : claims;
    }
}
