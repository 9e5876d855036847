package dev.entrabridge.graph;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.EmulatedDeployment;
import dev.entrabridge.token.AgentTokenRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;

/**
 * The Graph ITs' deployment on the emulated cloud of the shared test kit: the cluster issuer's
 * projected token file as credential, Graph as the downstream API {@code graph} on the cloud's Graph
 * emulator, and three agents — {@link #MAILER} (User.Read.All, Mail.Send, Calendars.Read),
 * {@link #CALENDAR} (User.Read.All only) and {@link #NOBODY} (no Graph role). Agent tokens come
 * through the real core (MSAL4J → Entra emulator). Registered per class
 * ({@code @RegisterExtension static final GraphTestWorld world = new GraphTestWorld();}), it starts
 * before the class's {@code @BeforeAll} and stops after it.
 */
final class GraphTestWorld implements BeforeAllCallback, AfterAllCallback {

    static final String MAILER = EmulatedDeployment.MAIL_AGENT;
    static final String CALENDAR = EmulatedDeployment.CALENDAR_AGENT;
    static final String NOBODY = "nobody";
    static final String NOBODY_AGENT_APP_ID = "a9e17003-0000-4000-8000-0000000a9e19";

    /** Graph operations run in real time against real time-stamped tokens, so the cloud does too. */
    private final EmulatedCloudExtension cloud = EmulatedCloudExtension.perClass(b -> b.clock(Clock.systemUTC()));
    private final AtomicInteger tokenAsks = new AtomicInteger();
    private BridgeConfig config;
    private AgentTokenService tokens;
    private HttpClient http;

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud.beforeAll(context);
        cloud.cloud().tenant().agentIdentity(NOBODY_AGENT_APP_ID, BLUEPRINT_APP_ID);
        Map<String, String> env = cloud.bridge().environment(CredentialSourceKind.TOKEN_FILE);
        env.put("BRIDGE_AGENTS", env.get("BRIDGE_AGENTS") + "," + NOBODY + "=" + NOBODY_AGENT_APP_ID);
        env.put("BRIDGE_GRAPH_ALLOWED_PATHS", "/users");
        config = BridgeConfig.fromEnvironment(env);
        tokens = cloud.bridge().tokenService(config, Clock.systemUTC(), Sleeper.system());
        // Operations on changed settings need their own instances; the runtime's own is runtime.graph().
        http = OutboundHttpClients.create(config.http());
    }

    GraphEmulator graph() {
        return cloud.cloud().graph();
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
    public void afterAll(ExtensionContext context) {
        cloud.afterAll(context);
    }
}
