package dev.entrabridge.graph;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.testing.Runtimes;
import dev.entrabridge.token.AgentTokenRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.RESEARCHER_AGENT_APP_ID;

/**
 * The emulated cloud as one bridge deployment for the Graph ITs: the cluster issuer's projected
 * token file as credential, Graph configured as the downstream API {@code graph} on the cloud's
 * Graph emulator, and three agents — {@code mailer} (User.Read.All, Mail.Send, Calendars.Read),
 * {@code researcher} (User.Read.All only) and {@code nobody} (no Graph role). Agent tokens come
 * through the real core (MSAL4J → Entra emulator). Registered per class
 * ({@code @RegisterExtension static final GraphTestWorld world = new GraphTestWorld();}), it starts
 * before the class's {@code @BeforeAll} and stops after it. This is the only place the Graph ITs
 * build bridge configuration; the shared test kit replaces it.
 */
final class GraphTestWorld implements BeforeAllCallback, AfterAllCallback {

    static final String MAILER = "mailer";
    static final String RESEARCHER = "researcher";
    static final String NOBODY = "nobody";
    static final String NOBODY_AGENT_APP_ID = "a9e17003-0000-4000-8000-0000000a9e19";

    private final AtomicInteger tokenAsks = new AtomicInteger();
    private EmulatedCloud cloud;
    private Path dir;
    private BridgeConfig config;
    private AgentTokenService tokens;
    private HttpClient http;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("graph-world");
        cloud = EmulatedCloud.start(Clock.systemUTC());
        cloud.tenant().agentIdentity(NOBODY_AGENT_APP_ID, BLUEPRINT_APP_ID);
        Map<String, String> env = new HashMap<>();
        env.put("ENTRA_TENANT_ID", EmulatedCloud.TENANT_ID);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", BLUEPRINT_APP_ID);
        env.put("ENTRA_ENDPOINT_OVERRIDE", cloud.entra().baseUrl().toString());
        env.put("BRIDGE_TRUSTED_CA_FILE", Files.writeString(dir.resolve("ca.pem"), EmulatorTls.caCertificatePem()).toString());
        env.put("BRIDGE_CREDENTIAL_SOURCE", "token-file");
        env.put("AZURE_FEDERATED_TOKEN_FILE", Files.writeString(dir.resolve("token"),
                cloud.kubernetesToken(Duration.ofHours(1))).toString());
        env.put("BRIDGE_AGENTS", MAILER + "=" + MAILER_AGENT_APP_ID + "," + RESEARCHER + "=" + RESEARCHER_AGENT_APP_ID
                + "," + NOBODY + "=" + NOBODY_AGENT_APP_ID);
        env.put("DownstreamApis__graph__BaseUrl", cloud.graph().baseUrl() + "/v1.0");
        env.put("DownstreamApis__graph__Scopes__0", GRAPH + "/.default");
        env.put("BRIDGE_GRAPH_ALLOWED_PATHS", "/users");
        config = BridgeConfig.fromEnvironment(env);
        tokens = Runtimes.system(config).tokens();
        // Operations on changed settings need their own instances; the runtime's own is runtime.graph().
        http = OutboundHttpClients.create(config.http());
    }

    GraphEmulator graph() {
        return cloud.graph();
    }

    BridgeConfig config() {
        return config;
    }

    /** Operations on the deployment's settings, changed by {@code change} (e.g. {@code s -> s.withSendMailEnabled(true)}). */
    GraphOperations operations(UnaryOperator<GraphSettings> change) {
        return new GraphOperations(http, change.apply(config.graph()), Clock.systemUTC());
    }

    GraphOperations operations() {
        return operations(s -> s);
    }

    /** The agent's autonomous Graph token, as the Bedrock handler would get it; each ask is counted. */
    GraphToken token(String agent) {
        return () -> {
            tokenAsks.incrementAndGet();
            return tokens.acquire(AgentTokenRequest.autonomous(agent, Set.copyOf(config.graph().scopes()))).accessToken();
        };
    }

    int tokenAsks() {
        return tokenAsks.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        cloud.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
