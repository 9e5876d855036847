package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.downstream.DownstreamException;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.inbound.CallerAuthenticationException;
import dev.entrabridge.token.Diagnosis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns refusals into RFC 9457 {@code application/problem+json} responses, and the core's
 * {@link Diagnosis} into a status through one table:
 *
 * <table>
 *   <caption>Diagnosis category to HTTP status</caption>
 *   <tr><th>category</th><th>status</th><th>why</th></tr>
 *   <tr><td>CALLER</td><td>400</td><td>the caller's input is wrong (e.g. an expired user token)</td></tr>
 *   <tr><td>CREDENTIAL</td><td>401</td><td>Entra refused the blueprint's credential</td></tr>
 *   <tr><td>CONFIGURATION</td><td>401</td><td>Entra refused the exchange because the FIC, client id or
 *       tenant is wrong — the seed's "token request returns 401 (credentials wrong or FIC not configured)"</td></tr>
 *   <tr><td>PERMISSION</td><td>403</td><td>consent or an app role is missing</td></tr>
 *   <tr><td>TRANSIENT</td><td>503, or 429 when Entra throttled</td><td>retry after {@code Retry-After}</td></tr>
 *   <tr><td>BUG</td><td>502</td><td>Entra refused a request we built wrongly; never a 500 to hide it</td></tr>
 * </table>
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
            Map.entry(413, "Request body too large"),
            Map.entry(415, "Unsupported media type"),
            Map.entry(429, "Too many requests"),
            Map.entry(502, "Bad gateway"),
            Map.entry(503, "Service unavailable"));

    private Problems() {
    }

    static int status(Diagnosis diagnosis) {
        switch (diagnosis.category()) {
            case CALLER:
                return 400;
            case CREDENTIAL:
            case CONFIGURATION:
                return 401;
            case PERMISSION:
                return 403;
            case TRANSIENT:
                return isThrottling(diagnosis) ? 429 : 503;
            case BUG:
            default:
                return 502;
        }
    }

    private static boolean isThrottling(Diagnosis diagnosis) {
        String code = diagnosis.code();
        return code.contains("429") || code.toUpperCase(java.util.Locale.ROOT).contains("THROTTL");
    }

    /** Any failure a route raised, as the refusal to render; an unexpected one is a 500 without details. */
    static RequestRefused refusal(RuntimeException e) {
        if (e instanceof RequestRefused) {
            return (RequestRefused) e;
        }
        if (e instanceof CallerAuthenticationException) {
            CallerAuthenticationException c = (CallerAuthenticationException) e;
            if (c.reason() == CallerAuthenticationException.Reason.ISSUER_UNAVAILABLE) {
                return RequestRefused.of(503, c.code(), c.getMessage(), "Retry shortly; the token issuer's keys could not be fetched.");
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
        if (e instanceof AgentTokenException) {
            return Problems.refusal((AgentTokenException) e);
        }
        // A defect of ours: say so without details (they could carry anything) and keep the id to find it.
        LOG.log(System.Logger.Level.ERROR, "event=endpoint_failure error={0}", e.getClass().getName());
        return RequestRefused.of(500, "BRIDGE_INTERNAL_ERROR", "The bridge failed unexpectedly.",
                "Report the correlationId to the operator.");
    }

    /** The refusal for a token the core could not obtain. */
    static RequestRefused refusal(AgentTokenException e) {
        Diagnosis d = e.diagnosis();
        int status = status(d);
        Map<String, String> headers = new LinkedHashMap<>();
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"entra-agent-bridge\"");
        }
        return new RequestRefused(status, d.code(), d.cause(), d.remedy(), e.retryAfter().orElse(null),
                e.correlationId().orElse(null), headers);
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
