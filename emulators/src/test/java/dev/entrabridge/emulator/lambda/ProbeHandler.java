package dev.entrabridge.emulator.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A handler the Runtime API ITs run under the real RIC; the event's {@code probe} field says what it
 * does, so that one child JVM serves several tests.
 */
public final class ProbeHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        JsonNode probe = JSON.readTree(event);
        switch (probe.path("probe").asText("echo")) {
            case "context" -> output.write(JSON.writeValueAsBytes(describe(context)));
            case "fail" -> throw new IllegalStateException(probe.path("message").asText());
            case "log" -> {
                System.out.println(probe.path("stdout").asText());
                System.err.println(probe.path("stderr").asText());
                output.write(event);
            }
            case "oversized" -> output.write(("\"" + "x".repeat(probe.path("bytes").asInt() - 2) + "\"")
                    .getBytes(StandardCharsets.UTF_8));
            case "sleep" -> {
                sleep(probe.path("millis").asLong());
                output.write(event);
            }
            default -> output.write(event);
        }
    }

    private static ObjectNode describe(Context context) {
        ObjectNode described = JSON.createObjectNode()
                .put("awsRequestId", context.getAwsRequestId())
                .put("invokedFunctionArn", context.getInvokedFunctionArn())
                .put("functionName", context.getFunctionName())
                .put("functionVersion", context.getFunctionVersion())
                .put("memoryLimitInMB", context.getMemoryLimitInMB())
                .put("logGroupName", context.getLogGroupName())
                .put("remainingTimeInMillis", context.getRemainingTimeInMillis())
                .put("traceHeader", System.getProperty("com.amazonaws.xray.traceHeader"))
                .put("region", System.getenv("AWS_REGION"))
                .put("handlerVariable", System.getenv("_HANDLER"))
                .put("userHome", System.getProperty("user.home"));
        ClientContext clientContext = context.getClientContext();
        if (clientContext != null) {
            described.set("clientContextCustom", JSON.valueToTree(clientContext.getCustom()));
        }
        if (context.getIdentity() != null) {
            described.put("identityId", context.getIdentity().getIdentityId())
                    .put("identityPoolId", context.getIdentity().getIdentityPoolId());
        }
        return described;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
