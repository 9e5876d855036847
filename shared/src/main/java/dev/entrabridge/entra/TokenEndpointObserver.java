package dev.entrabridge.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.http.MsalTransport;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Summarises every answer of Entra's token endpoint into the thread's {@link ExchangeTrace}: which
 * leg it was and the error fields of a failure ({@code error}, {@code error_codes},
 * {@code correlation_id}, {@code Retry-After}), which {@code MsalServiceException} does not expose.
 * Never keeps a body.
 */
final class TokenEndpointObserver implements MsalTransport.Observer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String blueprintClientId;
    private final Clock clock;

    TokenEndpointObserver(String blueprintClientId, Clock clock) {
        this.blueprintClientId = blueprintClientId;
        this.clock = clock;
    }

    @Override
    public void answered(String requestBody, int status, String responseBody, Optional<String> retryAfter,
                         Duration latency) {
        ExchangeTrace.record(outcome(leg(requestBody), status, responseBody, retryAfter.orElse(null), latency, clock));
    }

    @Override
    public void failed(String requestBody, IOException failure, Duration latency) {
        ExchangeTrace.record(new HttpOutcome(leg(requestBody), 0, failure.getClass().getSimpleName(), List.of(), null,
                null, latency));
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
