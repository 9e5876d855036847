package dev.entrabridge.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.BridgeRequest;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.FormDecoding;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between the Functions host's {@link HttpRequestMessage} / {@link HttpResponseMessage} and the
 * endpoint's records, and does nothing else. The path and query come from the raw URI, never from
 * {@code getQueryParameters()} (single-valued and already decoded, which would break the contract's repeated
 * parameters and its strict decoding); the route prefix is taken off; the host's function-key parameter
 * {@code code} is the host's, not the contract's, and is dropped; the body is the binary one, cut one byte past
 * the endpoint's cap so it answers 413. No caller is set: the endpoint authenticates callers over the network.
 */
final class HttpMessages {

    /** The route prefix of {@code host.json} ({@code extensions.http.routePrefix}). */
    static final String ROUTE_PREFIX = "api";
    /** The function key's query parameter, which the host consumes before the function runs. */
    static final String FUNCTION_KEY_PARAMETER = "code";

    private HttpMessages() {
    }

    static BridgeRequest request(HttpRequestMessage<Optional<byte[]>> message) {
        URI uri = message.getUri();
        Map<String, List<String>> query = FormDecoding.decode(uri.getRawQuery());
        query.keySet().removeIf(FUNCTION_KEY_PARAMETER::equalsIgnoreCase);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        byte[] body = message.getBody() == null ? new byte[0] : message.getBody().orElse(new byte[0]);
        if (body.length > BridgeEndpoint.MAX_BODY_BYTES + 1) {
            body = Arrays.copyOf(body, BridgeEndpoint.MAX_BODY_BYTES + 1);
        }
        return new BridgeRequest(message.getHttpMethod().name(), withoutPrefix(uri.getRawPath()), query, headers, body,
                clientAddress(message), null);
    }

    static HttpResponseMessage response(HttpRequestMessage<?> message, BridgeResponse response) {
        HttpResponseMessage.Builder builder = message.createResponseBuilder(HttpStatusType.custom(response.status()));
        response.headers().forEach((name, values) -> builder.header(name, String.join(", ", values)));
        byte[] body = response.body();
        if (body.length > 0) {
            builder.body(body);
        }
        return builder.build();
    }

    private static String withoutPrefix(String rawPath) {
        String prefix = "/" + ROUTE_PREFIX;
        if (rawPath == null || rawPath.equals(prefix)) {
            return "/";
        }
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    /** The client as the platform's front end reports it (first {@code X-Forwarded-For} hop), for the audit line only. */
    private static String clientAddress(HttpRequestMessage<?> message) {
        return message.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-Forwarded-For"))
                .map(e -> e.getValue().split(",", 2)[0].strip())
                .findFirst().orElse("");
    }
}
