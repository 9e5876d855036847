package dev.entrabridge.benchmark.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.credential.BlueprintCredential;
import dev.entrabridge.credential.BlueprintCredentials;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.lambda.BedrockActionGroupHandler;
import dev.entrabridge.runtime.BridgeRuntime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs in a fresh JVM with the Bedrock function's deployment package: builds what the handler's
 * constructor builds one piece at a time, then serves the event twice, and prints how long each step
 * took ({@code phase=ms} pairs on one line), so a cold start's cost can be laid at the right door.
 * Started by {@link LambdaColdStartPhases}; the steps are the public ones {@code BridgeRuntime} composes.
 */
public final class BedrockColdStartPhases {

    private BedrockColdStartPhases() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("jvm", System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        long t = System.nanoTime();
        new ObjectMapper().readTree("{\"warm\":[1,\"up\"]}");
        t = lap(phases, "jackson", t);
        BridgeConfig config = BridgeConfig.fromEnvironment(System.getenv());
        t = lap(phases, "config", t);
        HttpClient http = OutboundHttpClients.create(config.http());
        t = lap(phases, "httpClient", t);
        BlueprintCredential credential = BlueprintCredentials.create(config, http, Clock.systemUTC());
        t = lap(phases, "stsClient", t);
        BridgeRuntime runtime = BridgeRuntime.builder(config).httpClient(http).credential(credential)
                .httpContractOnFirstUse().auditSink(line -> { }).build();
        BedrockActionGroupHandler handler = new BedrockActionGroupHandler(runtime);
        t = lap(phases, "runtime", t);
        // The handler's init priming, here on this one thread after the runtime (Lambda's no-arg constructor runs
        // it on two more threads while the runtime is built): beforeCheckpoint runs the same routine.
        handler.beforeCheckpoint(null);
        t = lap(phases, "priming", t);
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        String first = invoke(handler, event);
        t = lap(phases, "firstInvocation", t);
        invoke(handler, event);
        lap(phases, "secondInvocation", t);
        if (!first.contains("\"httpStatusCode\":200")) {
            throw new IllegalStateException("the first invocation did not succeed: " + first);
        }
        StringBuilder line = new StringBuilder();
        phases.forEach((phase, ms) -> line.append(phase).append('=').append(ms).append(' '));
        System.out.println(line.toString().strip());
    }

    private static String invoke(BedrockActionGroupHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long lap(Map<String, Long> phases, String phase, long since) {
        long now = System.nanoTime();
        phases.put(phase, (now - since) / 1_000_000);
        return now;
    }
}
