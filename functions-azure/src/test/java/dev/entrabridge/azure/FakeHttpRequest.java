package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the Functions Java worker hands it to a {@code dataType = "binary"} trigger: the full
 * URL, single-valued headers, the body bytes. {@link #getQueryParameters()} fails the test, so an adapter
 * that reads it instead of the raw URI cannot pass.
 */
final class FakeHttpRequest implements HttpRequestMessage<Optional<byte[]>> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;

    FakeHttpRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
        this.method = HttpMethod.value(method);
        this.uri = uri;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    /**
     * A request fixture: {@code {"method", "url", "headers": {…}, "body": "text"} or "bodyBase64"}, as the host
     * would deliver it.
     */
    static FakeHttpRequest fromFixture(String resource) {
        try (InputStream in = FakeHttpRequest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            JsonNode node = JSON.readTree(in);
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            byte[] body = node.has("bodyBase64") ? Base64.getDecoder().decode(node.get("bodyBase64").asText())
                    : node.has("body") ? node.get("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
            return new FakeHttpRequest(node.get("method").asText(), URI.create(node.get("url").asText()), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        throw new AssertionError("the adapter must map the raw URI, not the host's single-valued, decoded query parameters");
    }

    /** The worker hands an empty body as {@code Optional.empty()}. */
    @Override
    public Optional<byte[]> getBody() {
        return body == null || body.length == 0 ? Optional.empty() : Optional.of(body.clone());
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new FakeHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new FakeHttpResponse.Builder(status);
    }
}
