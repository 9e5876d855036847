package dev.entrabridge.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the event fixtures under {@code src/test/resources/events/} and the other test resources. */
final class Events {

    private Events() {
    }

    /** @param name relative to {@code events/}, e.g. {@code bedrock/ok/get-user.openapi.json} */
    static String read(String name) {
        return resource("events/" + name);
    }

    static byte[] bytes(String name) {
        return read(name).getBytes(StandardCharsets.UTF_8);
    }

    /** @param path relative to the test resources, e.g. {@code function-url/policy.json} */
    static String resource(String path) {
        try (InputStream in = Events.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
