package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.issuance.IssuanceRefused;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.inbound.CallerAuthenticationException;
import dev.entrabridge.token.Diagnosis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns refusals into RFC 9457 {@code application/problem+json} responses. A refused token takes its
 * status from {@link Diagnosis#httpStatus()}, the one table every adapter uses.
 */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad request"),
            Map.entry(401, "Not authenticated"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not found"),
            Map.entry(405, "Method not allowed"),
            Map.entry(408, "Request timeout"),
            Map.entry(413, "Request body too large"),
            Map.entry(414, "Request target too long"),
            Map.entry(415, "Unsupported media type"),
            Map.entry(429, "Too many requests"),
            Map.entry(431, "Request header fields too large"),
            Map.entry(500, "Internal error"),
            Map.entry(502, "Bad gateway"),
            Map.entry(503, "Service unavailable"),
            Map.entry(505, "HTTP version not supported"));

    private Problems() {
    }

    /** Any failure a route raised, as the refusal to render; an unexpected one is a 500 without details. */
    static RequestRefused refusal(RuntimeException e) {
        if (e instanceof RequestRefused) {
            return (RequestRefused) e;
        }
        if (e instanceof CallerAuthenticationException) {
            CallerAuthenticationException c = (CallerAuthenticationException) e;
            if (c.reason() == CallerAuthenticationException.Reason.ISSUER_UNAVAILABLE) {
                return RequestRefused.unavailable(c.code(), c.getMessage(), "Retry after the Retry-After interval; the token "
                        + "issuer's keys could not be fetched.", c.retryAfter().orElse(Duration.ofSeconds(30)));
            }
            return new RequestRefused(401, c.code(), c.getMessage(), "Present a current token from a trusted issuer, "
                    + "for the expected audience.", null, null, Map.of("WWW-Authenticate",
                    "Bearer realm=\"entra-agent-bridge\", error=\"invalid_token\""));
        }
        if (e instanceof DownstreamException) {
            DownstreamException d = (DownstreamException) e;
            return RequestRefused.of(d.reason().httpStatus(), d.code(), d.getMessage(),
                    d.reason().httpStatus() == 403 ? "Call a path the API's allowlist contains, or ask the operator to extend it."
                            : d.reason().httpStatus() >= 500 ? "Retry later; if it persists, check the API's base URL and health."
                            : "Fix the request as described.");
        }
        if (e instanceof IssuanceRefused) {
            IssuanceRefused r = (IssuanceRefused) e;
            return refusal(r.diagnosis(), r.retryAfter().orElse(null), r.correlationId().orElse(null)).audited();
        }
        if (e instanceof AgentTokenException) {
            AgentTokenException a = (AgentTokenException) e;
            return refusal(a.diagnosis(), a.retryAfter().orElse(null), a.correlationId().orElse(null));
        }
        // A defect of ours: say so without details (they could carry anything) and keep the id to find it.
        LOG.log(System.Logger.Level.ERROR, "event=endpoint_failure error={0}", e.getClass().getName());
        return RequestRefused.of(500, "BRIDGE_INTERNAL_ERROR", "The bridge failed unexpectedly.",
                "Report the correlationId to the operator.");
    }

    /** The refusal for a token that was not issued. */
    private static RequestRefused refusal(Diagnosis d, Duration retryAfter, String correlationId) {
        int status = d.httpStatus();
        Map<String, String> headers = new LinkedHashMap<>();
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"entra-agent-bridge\"");
        }
        return new RequestRefused(status, d.code(), d.cause(), d.remedy(), retryAfter, correlationId, headers);
    }

    static BridgeResponse render(RequestRefused refused, String correlationId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", refused.type());
        body.put("title", TITLES.getOrDefault(refused.status(), "Refused"));
        body.put("status", refused.status());
        body.put("detail", refused.detail());
        body.put("code", refused.code());
        body.put("remedy", refused.remedy());
        String id = refused.correlationId() != null ? refused.correlationId() : correlationId;
        if (id != null) {
            body.put("correlationId", id);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(BridgeResponse.PROBLEM_JSON));
        headers.put("Cache-Control", List.of("no-store"));
        Duration retryAfter = refused.retryAfter();
        if (retryAfter != null) {
            headers.put("Retry-After", List.of(Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000))));
        }
        refused.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return new BridgeResponse(refused.status(), headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
