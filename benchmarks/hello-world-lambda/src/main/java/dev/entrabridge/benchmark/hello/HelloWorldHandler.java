package dev.entrabridge.benchmark.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The cold-start baseline: reads the event and answers a constant, loading nothing else. */
public final class HelloWorldHandler implements RequestStreamHandler {

    private static final byte[] ANSWER = "{\"message\":\"hello world\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(ANSWER);
    }
}
