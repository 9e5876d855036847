package dev.entrabridge.emulator.identity;

import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * MSAL's documented HTTP seam ({@code builder.httpClient(...)}): sends MSAL's own requests for
 * {@code http://169.254.169.254} to the emulator unchanged (path, query, headers), and refuses any
 * other host so a test cannot silently reach the network.
 */
final class LoopbackImdsHttpClient implements IHttpClient {

    private static final String IMDS_HOST = "169.254.169.254";
    private final URI emulatorBase;
    private final HttpClient http = HttpClient.newHttpClient();

    LoopbackImdsHttpClient(URI emulatorBase) {
        this.emulatorBase = emulatorBase;
    }

    @Override
    public com.microsoft.aad.msal4j.IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request)
            throws Exception {
        if (!IMDS_HOST.equals(request.url().getHost()) || request.httpMethod() != HttpMethod.GET) {
            throw new IllegalStateException("test HTTP client only routes GET to IMDS, not " + request.url());
        }
        String file = request.url().getFile();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(emulatorBase + file)).GET();
        request.headers().forEach(forwarded::header);
        HttpResponse<String> response = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
        return new IHttpResponse() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public Map<String, List<String>> headers() {
                return response.headers().map();
            }

            @Override
            public String body() {
                return response.body();
            }
        };
    }
}
