package dev.entrabridge.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * MSAL's HTTP seam, ours: the JDK client with explicit timeouts and no redirects, and an optional
 * endpoint override that rewrites only scheme, host and port of requests to the authority host.
 * MSAL therefore keeps the production authority URL (its cache keys and validation behave as in
 * production, PROTOCOLS.md §1) while tests and the demo reach the emulator by configuration alone.
 * Every response is summarised into the thread's {@link ExchangeTrace}.
 */
final class EntraTransport implements IHttpClient {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration readTimeout;
    private final String authorityHost;
    private final Optional<URI> override;
    private final String blueprintClientId;
    private final Clock clock;

    EntraTransport(HttpClient http, Duration readTimeout, URI authorityHost, Optional<URI> override,
                   String blueprintClientId, Clock clock) {
        this.http = http;
        this.readTimeout = readTimeout;
        this.authorityHost = authorityHost.getHost().toLowerCase(Locale.ROOT);
        this.override = override;
        this.blueprintClientId = blueprintClientId;
        this.clock = clock;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        URI target = route(request.url().toURI());
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(target).timeout(readTimeout);
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
        int leg = leg(body);
        long started = System.nanoTime();
        java.net.http.HttpResponse<String> r;
        try {
            r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            ExchangeTrace.record(new HttpOutcome(leg, 0, e.getClass().getSimpleName(), List.of(), null, null,
                    Duration.ofNanos(System.nanoTime() - started)));
            throw e;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        ExchangeTrace.record(outcome(leg, r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
                latency, clock));
        HttpResponse out = new HttpResponse().statusCode(r.statusCode()).body(r.body());
        out.addHeaders(r.headers().map());
        return out;
    }

    /** Rewrites scheme/host/port of authority-host requests when an override is configured. */
    URI route(URI uri) {
        if (override.isEmpty() || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(authorityHost)) {
            return uri;
        }
        URI o = override.get();
        String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return URI.create(o.getScheme() + "://" + o.getRawAuthority() + rest);
    }

    private int leg(String body) {
        if (body == null) {
            return 0;
        }
        String clientId = null;
        String grant = null;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq);
                if (name.equals("client_id")) {
                    clientId = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } else if (name.equals("grant_type")) {
                    grant = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        if (blueprintClientId.equalsIgnoreCase(clientId)) {
            return 1;
        }
        return "user_fic".equals(grant) ? 3 : 2;
    }

    /** Summarises a token-endpoint response: the error fields of a failure, never the body itself. */
    static HttpOutcome outcome(int leg, int status, String body, String retryAfterHeader, Duration latency, Clock clock) {
        Duration retryAfter = retryAfterHeader == null ? null : retryAfter(retryAfterHeader, clock);
        if (status < 400) {
            return new HttpOutcome(leg, status, null, List.of(), null, retryAfter, latency);
        }
        String error = null;
        String correlation = null;
        List<Long> codes = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                error = node.path("error").isTextual() ? node.get("error").asText() : null;
                correlation = node.path("correlation_id").isTextual() ? node.get("correlation_id").asText() : null;
                node.path("error_codes").forEach(c -> codes.add(c.asLong()));
            }
        } catch (IOException | RuntimeException notJson) {
            // A gateway error page or a truncated body: status and Retry-After are all there is.
        }
        return new HttpOutcome(leg, status, error, codes, correlation, retryAfter, latency);
    }

    private static Duration retryAfter(String value, Clock clock) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }
}
