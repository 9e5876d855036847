package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import dev.entrabridge.emulator.http.EmulatorTls;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * MSAL's HTTP transport for tests: the JDK client trusting the emulator CA, which sends every
 * request for {@code https://login.microsoftonline.com} to the emulator instead, so the
 * application keeps its production authority (and MSAL's production code paths and cache keys).
 */
final class EmulatorRoutingHttpClient implements IHttpClient {

    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    /** The status of the last response any instance received (tests run one MSAL call at a time). */
    private static volatile int lastStatus;

    private final String publicHost;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder()
            .sslContext(EmulatorTls.clientContext())
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    EmulatorRoutingHttpClient(String publicHost, URI target) {
        this.publicHost = publicHost;
        this.target = target;
    }

    static IHttpClient to(EntraEmulator entra) {
        return new EmulatorRoutingHttpClient(entra.publicAuthorityHost(), entra.baseUrl());
    }

    static int lastStatus() {
        return lastStatus;
    }

    @Override
    public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request) throws Exception {
        String url = request.url().toString();
        if (url.startsWith(publicHost)) {
            url = target + url.substring(publicHost.length());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        String body = request.body();
        builder.method(request.httpMethod().methodName,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> response = http.send(builder.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        lastStatus = response.statusCode();
        HttpResponse result = new HttpResponse().statusCode(response.statusCode()).body(response.body());
        result.addHeaders(response.headers().map());
        return result;
    }
}
