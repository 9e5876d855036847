package dev.entrabridge.emulator.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the event and context fixtures under {@code src/test/resources/lambda/}. */
final class LambdaFixtures {

    private LambdaFixtures() {
    }

    static String read(String name) {
        try (InputStream in = LambdaFixtures.class.getResourceAsStream("/lambda/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture lambda/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
