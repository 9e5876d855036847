package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.Runtimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart, simulated by calling each handler's CRaC hooks: priming before the checkpoint asks
 * nothing of STS, Entra or Graph, and after a restore no token or assertion minted before the
 * checkpoint is served again — the next request mints a fresh assertion and fresh tokens.
 */
class SnapStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE_ASSERTION = "client_assertion";

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(EmulatedCloud.Builder::demoPeople);

    @Test
    void primingTheActionGroupAsksNoServiceForAnything() throws Exception {
        BedrockActionGroupHandler handler = new BedrockActionGroupHandler(runtime(world.bridge().bedrockEnvironment()));
        TokenFunctionUrlHandler functionUrl = new TokenFunctionUrlHandler(runtime(world.bridge().bedrockEnvironment()));
        ScheduledHealthHandler health = new ScheduledHealthHandler(runtime(world.bridge().bedrockEnvironment()), line -> { });

        handler.beforeCheckpoint(null);
        functionUrl.beforeCheckpoint(null);
        health.beforeCheckpoint(null);

        assertThat(world.cloud().sts().requests()).isEmpty();
        assertThat(world.cloud().entra().tokenRequests()).isEmpty();
        assertThat(world.cloud().graph().requests()).isEmpty();
    }

    @Test
    void afterARestoreTheActionGroupServesNothingMintedBeforeTheCheckpoint() throws Exception {
        BedrockActionGroupHandler handler = new BedrockActionGroupHandler(runtime(world.bridge().bedrockEnvironment()));
        String event = Events.read("bedrock/ok/get-user.function.json");
        invoke(handler, event);
        String tokenBefore = lastGraphBearer();
        String assertionBefore = lastAssertion();
        int stsCalls = world.cloud().sts().requests().size();

        handler.beforeCheckpoint(null);
        invoke(handler, event);
        assertThat(world.cloud().sts().requests()).as("cached until the checkpoint").hasSize(stsCalls);
        assertThat(lastGraphBearer()).isEqualTo(tokenBefore);
        handler.afterRestore(null);
        JsonNode reply = invoke(handler, event);

        assertThat(reply.toString()).contains("Alice Demo");
        assertThat(world.cloud().sts().requests()).as("a fresh assertion from STS").hasSize(stsCalls + 1);
        assertThat(lastAssertion()).isNotEqualTo(assertionBefore);
        assertThat(lastGraphBearer()).isNotEqualTo(tokenBefore);
    }

    @Test
    void afterARestoreTheFunctionUrlIssuesAFreshToken() throws Exception {
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_POLICY", Events.resource("function-url/policy.json"));
        TokenFunctionUrlHandler handler = new TokenFunctionUrlHandler(runtime(env));
        String event = Events.read("function-url/token-request.json");
        String before = accessToken(invoke(handler, event));
        String assertionBefore = lastAssertion();

        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
        String after = accessToken(invoke(handler, event));

        assertThat(after).isNotEqualTo(before);
        assertThat(lastAssertion()).isNotEqualTo(assertionBefore);
    }

    private dev.entrabridge.runtime.BridgeRuntime runtime(Map<String, String> env) {
        return Runtimes.onClock(BridgeConfig.fromEnvironment(env), world.clock());
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static String accessToken(JsonNode functionUrlResponse) throws IOException {
        assertThat(functionUrlResponse.get("statusCode").asInt()).as(functionUrlResponse.toString()).isEqualTo(200);
        return JSON.readTree(functionUrlResponse.get("body").asText()).get("access_token").asText();
    }

    /** The bearer token of Graph's last request. */
    private String lastGraphBearer() {
        List<RecordedRequest> requests = world.cloud().graph().requests();
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1).header("Authorization").orElseThrow();
    }

    /** The client assertion of the blueprint's last leg-1 request to Entra (what STS minted). */
    private String lastAssertion() {
        List<RecordedRequest> legs = world.bridge().tokenRequestsBy(EmulatedCloud.BLUEPRINT_APP_ID);
        assertThat(legs).isNotEmpty();
        return legs.get(legs.size() - 1).formParam(EXCHANGE_ASSERTION).orElseThrow();
    }
}
