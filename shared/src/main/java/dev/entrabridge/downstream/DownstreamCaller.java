package dev.entrabridge.downstream;

import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.downstream.DownstreamException.Reason;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a configured downstream API with an agent token. The base URL comes only from
 * configuration; the caller's relative path must pass {@link RelativePath} and, when the API has
 * them, its {@code allowedPaths}; only GET/POST/PUT/PATCH/DELETE; headers that carry a credential
 * or frame the message are never the caller's; redirects are never followed (a 3xx comes back as
 * is); request and response bodies are capped; only safe response headers are returned, spelt as
 * the API spells them, with the body's {@code Content-Length}.
 */
public final class DownstreamCaller {

    /** Methods a caller may use. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** Response headers passed back (lower case): none of them can carry a session or a credential. */
    static final Set<String> SAFE_RESPONSE_HEADERS = Set.of(
            "content-type", "content-language", "date", "etag", "last-modified", "location", "retry-after",
            "request-id", "client-request-id", "x-ms-request-id", "x-ms-ags-diagnostic", "odata-version",
            "preference-applied", "www-authenticate", "x-ms-throttle-limit-percentage", "x-ms-resource-unit",
            "content-length", "content-encoding", "content-disposition", "content-range", "expires", "cache-control");

    private final HttpClient client;
    private final DownstreamLimits limits;

    /** @param client must be built with {@link HttpClient.Redirect#NEVER} */
    public DownstreamCaller(HttpClient client, DownstreamLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the downstream HttpClient must not follow redirects (use Redirect.NEVER)");
        }
    }

    /** A caller with its own HTTP client trusting {@code tls} (e.g. the JVM default, or a private CA). */
    public static DownstreamCaller create(SSLContext tls, DownstreamLimits limits) {
        return new DownstreamCaller(HttpClient.newBuilder().sslContext(tls).connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(), limits);
    }

    /**
     * @param api         the configured API (its base URL and allowed paths)
     * @param accessToken the agent token, sent as {@code Authorization: Bearer …}
     * @throws DownstreamException when the request is refused or the call fails
     */
    public DownstreamResponse call(DownstreamApi api, String accessToken, DownstreamRequest request) {
        URI target = target(api, request);
        HttpRequest httpRequest = build(target, accessToken, request);
        HttpResponse<byte[]> response = send(api, httpRequest);
        byte[] body = response.body();
        Map<String, List<String>> headers = safeHeaders(response.headers());
        // The body as it reaches the caller (the JDK client has already undone any chunking).
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        return new DownstreamResponse(response.statusCode(), headers,
                body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
    }

    /** Checks method, path and allowlist without calling anything; adapters may use it to fail early. */
    public URI target(DownstreamApi api, DownstreamRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new DownstreamException(Reason.BAD_METHOD, "HTTP method '" + printable(request.method())
                    + "' is not allowed; use one of GET, POST, PUT, PATCH, DELETE");
        }
        if (request.body().length > limits.maxRequestBytes()) {
            throw new DownstreamException(Reason.REQUEST_TOO_LARGE, "the request body is " + request.body().length
                    + " bytes, more than the " + limits.maxRequestBytes() + " allowed");
        }
        RelativePath path = RelativePath.parse(request.relativePath());
        if (!api.allowedPaths().isEmpty() && !path.isWithin(api.allowedPaths())) {
            throw new DownstreamException(Reason.PATH_NOT_ALLOWED, "path " + path.path() + " is not allowed for API '"
                    + api.name() + "'; allowed path prefixes: " + api.allowedPaths());
        }
        return path.resolveAgainst(api.baseUrl());
    }

    private HttpRequest build(URI target, String accessToken, DownstreamRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(limits.responseTimeout());
        request.headers().forEach((name, value) -> {
            if (!HeaderNames.isValidName(name) || HeaderNames.isReserved(name)) {
                throw new DownstreamException(Reason.BAD_HEADER, "request header '" + printable(name)
                        + "' may not be set by the caller (it is not a header name, or it carries a credential or frames the message)");
            }
            if (value == null || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new DownstreamException(Reason.BAD_HEADER, "request header '" + name + "' has a control character in its value");
            }
            b.header(name, value);
        });
        if (request.headers().keySet().stream().noneMatch(n -> n.equalsIgnoreCase("accept"))) {
            b.header("Accept", "application/json");
        }
        b.header("Authorization", "Bearer " + accessToken);
        String method = request.method().toUpperCase(Locale.ROOT);
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        if (request.body().length > 0) {
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            b.method(method, method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(new byte[0]));
        }
        return b.build();
    }

    private HttpResponse<byte[]> send(DownstreamApi api, HttpRequest request) {
        String where = "API '" + api.name() + "' at " + api.baseUrl();
        var pending = client.sendAsync(request, CappedBody.handler(limits.maxResponseBytes()));
        try {
            // The overall deadline covers the body too; HttpRequest.timeout only covers the headers.
            return pending.get(limits.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new DownstreamException(Reason.TIMEOUT, where + " did not answer within "
                    + limits.responseTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamException(Reason.UNREACHABLE, "interrupted while calling " + where, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof CappedBody.TooLarge) {
                throw new DownstreamException(Reason.RESPONSE_TOO_LARGE, where + " answered with more than "
                        + limits.maxResponseBytes() + " bytes; narrow the request (e.g. $select, $top)", cause);
            }
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                throw new DownstreamException(Reason.TIMEOUT, where + " timed out: " + cause.getMessage(), cause);
            }
            throw new DownstreamException(Reason.UNREACHABLE, where + " could not be reached: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || (t instanceof IOException && t.getCause() instanceof CappedBody.TooLarge)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static Map<String, List<String>> safeHeaders(HttpHeaders headers) {
        Map<String, List<String>> safe = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((name, values) -> {
            if (SAFE_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                safe.put(HeaderNames.spelt(name), List.copyOf(values));
            }
        });
        return new LinkedHashMap<>(safe);
    }

    private static String printable(String s) {
        String flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
