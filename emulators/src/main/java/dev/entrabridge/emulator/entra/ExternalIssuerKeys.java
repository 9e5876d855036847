package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.entrabridge.emulator.http.EmulatorTls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys of external OIDC issuers, fetched as Entra does: {@code {iss}/.well-known/openid-configuration},
 * then its {@code jwks_uri}, over HTTPS trusting the emulator CA. Cached per issuer; an unknown
 * {@code kid} triggers one refetch (key rotation).
 */
final class ExternalIssuerKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder()
            .sslContext(EmulatorTls.clientContext())
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, JWKSet> cache = new ConcurrentHashMap<>();

    /**
     * The issuer's key with this id.
     *
     * @throws IOException when discovery or JWKS cannot be fetched or parsed (the caller reports it as AADSTS)
     */
    Optional<JWK> key(String issuer, String kid) throws IOException {
        JWKSet cached = cache.get(issuer);
        if (cached != null && cached.getKeyByKeyId(kid) != null) {
            return Optional.of(cached.getKeyByKeyId(kid));
        }
        JWKSet fresh = fetch(issuer);
        cache.put(issuer, fresh);
        return Optional.ofNullable(fresh.getKeyByKeyId(kid));
    }

    private JWKSet fetch(String issuer) throws IOException {
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode discovery = JSON.readTree(get(URI.create(trimmed + "/.well-known/openid-configuration")));
        JsonNode jwksUri = discovery.get("jwks_uri");
        if (jwksUri == null || !jwksUri.isTextual()) {
            throw new IOException("the discovery document of " + issuer + " has no jwks_uri");
        }
        try {
            return JWKSet.parse(get(URI.create(jwksUri.asText())));
        } catch (ParseException e) {
            throw new IOException("the JWKS of " + issuer + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    private String get(URI uri) throws IOException {
        if (!"https".equals(uri.getScheme())) {
            throw new IOException("Entra fetches issuer metadata over HTTPS only, not " + uri);
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }
}
