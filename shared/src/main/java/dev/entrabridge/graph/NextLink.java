package dev.entrabridge.graph;

import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.downstream.RelativePath;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code @odata.nextLink} is followed only when it stays on Graph's origin (scheme, host, port)
 * and version and its path passes {@link RelativePath}'s checks: a Graph answer can never send the
 * agent's token to another host or outside {@code /v1.0/}.
 */
final class NextLink {

    private NextLink() {
    }

    /** The link as a path and query below {@code base}, or empty when it may not be followed. */
    static Optional<RelativePath> below(String link, URI base, String versionPrefix) {
        URI u;
        try {
            u = new URI(link);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!u.isAbsolute() || u.getRawUserInfo() != null || u.getRawFragment() != null || u.getHost() == null
                || !u.getScheme().equalsIgnoreCase(base.getScheme())
                || !u.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
                || port(u) != port(base) || u.getRawPath() == null || !u.getRawPath().startsWith(versionPrefix + "/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RelativePath.parse(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())));
        } catch (DownstreamException e) {
            return Optional.empty();
        }
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
