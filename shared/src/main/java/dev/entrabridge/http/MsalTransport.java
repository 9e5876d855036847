package dev.entrabridge.http;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * MSAL4J's HTTP seam on the bridge's one JDK client: explicit read timeout, redirects never
 * followed (the client's setting), and optionally an endpoint override that rewrites only scheme,
 * host and port of requests to the authority host. MSAL therefore keeps the production authority
 * URL (its cache keys and validation behave as in production) while tests and the demo reach an
 * emulator by configuration alone. An optional {@link Observer} sees every exchange, for callers
 * that need more of Entra's answer than MSAL's exceptions expose.
 */
public final class MsalTransport implements IHttpClient {

    /** Sees each request MSAL sends and what came back; never given anything to log verbatim. */
    public interface Observer {

        /** A response arrived (any status). {@code requestBody} is MSAL's form body, or {@code null}. */
        void answered(String requestBody, int status, String responseBody, Optional<String> retryAfter, Duration latency);

        /** No response arrived (timeout, refused or dropped connection). */
        void failed(String requestBody, IOException failure, Duration latency);
    }

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");
    private static final Observer NOBODY = new Observer() {
        @Override
        public void answered(String requestBody, int status, String responseBody, Optional<String> retryAfter,
                             Duration latency) {
        }

        @Override
        public void failed(String requestBody, IOException failure, Duration latency) {
        }
    };

    private final HttpClient http;
    private final Duration readTimeout;
    private final String authorityHost;
    private final Optional<URI> override;
    private final Observer observer;

    /** Sends every request where MSAL addresses it (e.g. the managed identity endpoint). */
    public MsalTransport(HttpClient http, Duration readTimeout) {
        this(http, readTimeout, null, Optional.empty(), NOBODY);
    }

    private MsalTransport(HttpClient http, Duration readTimeout, String authorityHost, Optional<URI> override,
                          Observer observer) {
        this.http = Objects.requireNonNull(http, "http");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.authorityHost = authorityHost;
        this.override = override;
        this.observer = observer;
    }

    /** A copy that sends requests for {@code authorityHost} to {@code override}'s scheme, host and port, if present. */
    public MsalTransport routing(URI authorityHost, Optional<URI> override) {
        return new MsalTransport(http, readTimeout, authorityHost.getHost().toLowerCase(Locale.ROOT), override, observer);
    }

    /** A copy that reports every exchange to {@code observer}. */
    public MsalTransport observedBy(Observer observer) {
        return new MsalTransport(http, readTimeout, authorityHost, override, Objects.requireNonNull(observer, "observer"));
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(route(request.url().toURI()))
                .timeout(readTimeout);
        if (request.headers() != null) {
            request.headers().forEach((k, v) -> {
                if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                    b.header(k, v);
                }
            });
        }
        String body = request.body();
        b.method(request.httpMethod().methodName, body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        long started = System.nanoTime();
        java.net.http.HttpResponse<String> r;
        try {
            r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            observer.failed(body, e, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        observer.answered(body, r.statusCode(), r.body(), r.headers().firstValue("Retry-After"),
                Duration.ofNanos(System.nanoTime() - started));
        HttpResponse out = new HttpResponse().statusCode(r.statusCode()).body(r.body());
        out.addHeaders(r.headers().map());
        return out;
    }

    /** Rewrites scheme, host and port of authority-host requests when an override is configured. */
    URI route(URI uri) {
        if (override.isEmpty() || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(authorityHost)) {
            return uri;
        }
        URI o = override.get();
        String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return URI.create(o.getScheme() + "://" + o.getRawAuthority() + rest);
    }
}
