package dev.entrabridge.azure;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.runtime.BridgeRuntime;
import dev.entrabridge.testing.EmulatedDeployment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.entrabridge.testing.EmulatedDeployment.GRAPH_API;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;

/**
 * The Function App deployed on the emulated cloud as an operator would set it up: the user-assigned managed
 * identity as the blueprint's credential, a workload issuer whose tokens authenticate callers
 * ({@code BRIDGE_CALLERS}) and a policy letting its {@code workload-1} use the mail agent for Graph in every
 * flow; plus an issuer nobody trusts. {@link #host()} is one instance of the app (its own worker process and
 * runtime); all instances share the app's storage.
 */
final class EmulatedFunctionApp implements AutoCloseable {

    static final String CALLER_AUDIENCE = "api://entra-agent-bridge";
    static final String CALLER = "workload-1";
    static final String CALLER_HEADER = "X-Caller-Authorization";
    static final String BASE_URL = "https://bridge.azurewebsites.net";

    final OidcIssuerEmulator workloads;
    final OidcIssuerEmulator strangers;
    final Map<String, String> env;
    final List<String> auditLines = new CopyOnWriteArrayList<>();
    final Map<String, String> storage = new ConcurrentHashMap<>();
    final AtomicInteger runtimesBuilt = new AtomicInteger();
    private final Clock clock;

    /** @param extraAgents more {@code name=appId} entries for {@code BRIDGE_AGENTS}, the policy granting them too */
    EmulatedFunctionApp(EmulatedDeployment deployment, Clock clock, String... extraAgents) {
        this.clock = clock;
        workloads = OidcIssuerEmulator.start("workloads", clock);
        strangers = OidcIssuerEmulator.start("strangers", clock);
        env = deployment.environment(CredentialSourceKind.MANAGED_IDENTITY);
        StringBuilder agents = new StringBuilder("\"" + MAIL_AGENT + "\"");
        for (String extra : extraAgents) {
            env.put("BRIDGE_AGENTS", env.get("BRIDGE_AGENTS") + "," + extra);
            agents.append(",\"").append(extra, 0, extra.indexOf('=')).append('"');
        }
        env.put("BRIDGE_RETRY_MAX_ATTEMPTS", "1");
        env.put(HealthScheduleSetting.NAME, HealthScheduleSetting.DEFAULT);
        env.put("BRIDGE_CALLERS", "{\"trustedIssuers\":[{\"issuer\":\"" + workloads.issuer() + "\",\"audiences\":[\""
                + CALLER_AUDIENCE + "\"],\"jwksUri\":\"" + workloads.jwksUri() + "\"}]}");
        env.put("BRIDGE_POLICY", "{\"rules\":[{\"name\":\"workload-1\",\"caller\":{\"kind\":\"jwt\",\"issuer\":\""
                + workloads.issuer() + "\",\"subject\":\"" + CALLER + "\"},\"agents\":[" + agents + "],\"apis\":[\""
                + GRAPH_API + "\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]}]}");
    }

    /** A new worker process of the app: its runtime is built on first use, once. */
    WorkerRuntime worker() {
        return new WorkerRuntime(() -> {
            runtimesBuilt.incrementAndGet();
            return BridgeRuntime.builder(BridgeConfig.fromEnvironment(env)).clock(clock).auditSink(auditLines::add).build();
        });
    }

    /** One instance of the app on its own worker, sharing the app's storage with every other instance. */
    FunctionHost host() {
        return host(worker());
    }

    FunctionHost host(WorkerRuntime worker) {
        return new FunctionHost(storage, Map.of(
                BridgeHttpFunctions.class, () -> new BridgeHttpFunctions(worker),
                CredentialHealthFunctions.class, () -> new CredentialHealthFunctions(worker, clock)));
    }

    String callerJwt() {
        return workloads.mint(CALLER, CALLER_AUDIENCE, Duration.ofMinutes(5));
    }

    /** Headers of a request from the trusted workload. */
    Map<String, String> asCaller() {
        return Map.of(CALLER_HEADER, "Bearer " + callerJwt());
    }

    @Override
    public void close() {
        workloads.close();
        strangers.close();
    }
}
