package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.token.AgentToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON body of {@code POST /token} in {@code endpoint/token-bodies-refused.tsv} (nulls inside
 * lists, wrong shapes, wrong types) is a 400 problem naming the fault, and the core is never asked.
 */
class TokenBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_APP_ID = "aaaaaaaa-1111-2222-3333-444444444444";

    private final AtomicInteger coreCalls = new AtomicInteger();
    private final BridgeEndpoint endpoint = BridgeEndpoint.builder()
            .issuance(TokenIssuance.builder()
                    .tokens(request -> {
                        coreCalls.incrementAndGet();
                        return new AgentToken("h.p.s", Instant.now().plusSeconds(600), Instant.now().plusSeconds(300),
                                request.scopes(), request.flow(), request.agent(), AGENT_APP_ID);
                    })
                    .policy(CallerPolicy.fromJson(text("endpoint/policy.json")))
                    .audit(new AuditLog(line -> { }, java.time.Clock.systemUTC()))
                    .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                            List.of("https://graph.microsoft.com/.default"), List.of())))
                    .agents(List.of(new AgentDefinition("mail-agent", AGENT_APP_ID, Optional.empty())))
                    .build())
            .build();

    static Stream<Arguments> refusedBodies() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : text("endpoint/token-bodies-refused.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t", 2);
                cases.add(Arguments.of(parts[0], parts[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedBodies")
    void aBadBodyIsA400ProblemAndNeverReachesTheCore(String code, String body) throws IOException {
        BridgeResponse response = endpoint.handle(new BridgeRequest("POST", "/token", Map.of(),
                Map.of("Content-Type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", Caller.loopback("127.0.0.1")));

        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("remedy").asText()).isNotBlank();
        assertThat(coreCalls).hasValue(0);
    }

    private static String text(String resource) {
        try (InputStream in = TokenBodiesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
