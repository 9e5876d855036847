package dev.entrabridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bridge talks HTTP to Entra and the metadata endpoints.
 *
 * @param connectTimeout   TCP/TLS connect timeout ({@code BRIDGE_HTTP_CONNECT_TIMEOUT_MS})
 * @param readTimeout      time to wait for a response ({@code BRIDGE_HTTP_READ_TIMEOUT_MS})
 * @param endpointOverride where Entra traffic really goes ({@code ENTRA_ENDPOINT_OVERRIDE}): only scheme,
 *                         host and port of each request are rewritten, so MSAL still sees the production
 *                         authority URL and its cache and validation behave as in production
 * @param trustedCaFile    an extra PEM CA bundle to trust besides the JDK's ({@code BRIDGE_TRUSTED_CA_FILE})
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Optional<URI> endpointOverride,
                           Optional<Path> trustedCaFile) {

    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(3), Duration.ofSeconds(10),
            Optional.empty(), Optional.empty());

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(trustedCaFile, "trustedCaFile");
    }
}
