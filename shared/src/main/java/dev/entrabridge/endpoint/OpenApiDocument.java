package dev.entrabridge.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.0 document of the contract ({@code GET /openapi/v1.json}, where Microsoft's sidecar
 * serves its own), kept as a resource next to this class and served as is. A test parses it and
 * compares its routes with {@link ContractRoute}.
 */
final class OpenApiDocument {

    static final String RESOURCE = "openapi-v1.json";
    private static final String TEXT = load();

    private OpenApiDocument() {
    }

    static String text() {
        return TEXT;
    }

    static BridgeResponse response() {
        return BridgeResponse.json(200, TEXT).withHeader("Cache-Control", "no-cache");
    }

    private static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar next to " + OpenApiDocument.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
