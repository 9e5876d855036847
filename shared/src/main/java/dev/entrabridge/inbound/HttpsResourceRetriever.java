package dev.entrabridge.inbound;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches discovery documents and JWKS for nimbus over the JDK {@link HttpClient}, so the trust
 * store (a private CA, the emulators' CA) is the client's. HTTPS only, no redirects, size-capped.
 */
final class HttpsResourceRetriever implements ResourceRetriever {

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    HttpsResourceRetriever(HttpClient client, Duration timeout, int maxBytes) {
        this.client = client;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        return new Resource(fetch(toUri(url)), "application/json");
    }

    String fetch(URI uri) throws IOException {
        if (!"https".equals(uri.getScheme())) {
            throw new IOException("refusing to fetch keys over " + uri.getScheme() + ": " + uri);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            if (body.length > maxBytes) {
                throw new IOException(uri + " returned more than " + maxBytes + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static URI toUri(URL url) throws IOException {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("not a valid URI: " + url, e);
        }
    }
}
