package dev.entrabridge.graph;

import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.downstream.DownstreamCaller;
import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.downstream.DownstreamLimits;
import dev.entrabridge.downstream.DownstreamRequest;
import dev.entrabridge.downstream.DownstreamResponse;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Sends one Graph request through {@link DownstreamCaller} (fixed base URL, path checks and
 * allowlist, no redirects, capped bodies) within what is left of the operation's deadline; a
 * non-2xx answer becomes a {@link GraphException}.
 */
final class GraphCalls {

    /** The one Graph version the operations use. */
    static final String VERSION = "/v1.0";
    /** A raw page is read up to this much; the result handed back is capped much lower. */
    static final int MAX_PAGE_BYTES = 1024 * 1024;
    private static final int MAX_REQUEST_BYTES = 256 * 1024;

    private final HttpClient http;
    private final GraphSettings settings;
    private final Clock clock;

    GraphCalls(HttpClient http, GraphSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param allowedPrefixes where this request (and the pages after it) may go, e.g. {@code /v1.0} */
    DownstreamResponse send(GraphCall call, DownstreamRequest request, List<String> allowedPrefixes) {
        Duration remaining = Duration.between(clock.instant(), call.deadline());
        if (remaining.isNegative() || remaining.isZero()) {
            throw GraphFailures.transport(call, settings, new DownstreamException(DownstreamException.Reason.TIMEOUT,
                    "the operation's " + settings.timeout().toMillis() + " ms were used up"));
        }
        DownstreamCaller caller = new DownstreamCaller(http,
                new DownstreamLimits(remaining, remaining, MAX_REQUEST_BYTES, MAX_PAGE_BYTES));
        DownstreamApi graph = new DownstreamApi("Microsoft Graph", settings.baseUrl(), settings.scopes(), allowedPrefixes);
        DownstreamResponse response;
        try {
            response = caller.call(graph, call.token(), request.withHeader("client-request-id", call.clientRequestId()));
        } catch (DownstreamException e) {
            throw GraphFailures.transport(call, settings, e);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw GraphFailures.answer(call, settings, response.statusCode(), response.content(), response.headers(),
                    clock.instant());
        }
        return response;
    }
}
