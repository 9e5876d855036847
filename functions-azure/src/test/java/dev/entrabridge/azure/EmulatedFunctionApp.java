package dev.entrabridge.azure;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.endpoint.contract.ContractWorld;
import dev.entrabridge.runtime.BridgeRuntime;
import dev.entrabridge.testing.EmulatedDeployment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Function App deployed on the contract's tenant ({@link ContractWorld}) as an operator would set it up:
 * the user-assigned managed identity as the blueprint's credential, callers authenticated by the tenant's
 * trusted workload issuer ({@code BRIDGE_CALLERS}), and a policy letting its {@value ContractWorld#CALLER} use
 * the mail agent for Graph in every flow. {@link #host()} is one instance of the app (its own worker process
 * and runtime); all instances share the app's storage.
 */
final class EmulatedFunctionApp implements AutoCloseable {

    static final String CALLER_HEADER = "X-Caller-Authorization";
    static final String BASE_URL = "https://bridge.azurewebsites.net";

    final ContractWorld world;
    final Map<String, String> env;
    final List<String> auditLines = new CopyOnWriteArrayList<>();
    final Map<String, String> storage = new ConcurrentHashMap<>();
    final AtomicInteger runtimesBuilt = new AtomicInteger();

    /** Every configured agent healthy; on {@code deployment}'s cloud, which runs on the system clock. */
    EmulatedFunctionApp(EmulatedDeployment deployment) {
        this(deployment, false);
    }

    private EmulatedFunctionApp(EmulatedDeployment deployment, boolean forContract) {
        world = ContractWorld.on(deployment.cloud(), deployment);
        env = forContract ? world.environment(CredentialSourceKind.MANAGED_IDENTITY, world.trustedCaller())
                : world.healthyEnvironment(CredentialSourceKind.MANAGED_IDENTITY, world.trustedCaller());
        env.put(HealthScheduleSetting.NAME, HealthScheduleSetting.DEFAULT);
    }

    /** The app as the contract suite needs it: with the tenant's retired agent configured too. */
    static EmulatedFunctionApp forContract(EmulatedDeployment deployment) {
        return new EmulatedFunctionApp(deployment, true);
    }

    /** A new worker process of the app: its runtime is built on first use, once. */
    WorkerRuntime worker() {
        return new WorkerRuntime(() -> {
            runtimesBuilt.incrementAndGet();
            return BridgeRuntime.builder(BridgeConfig.fromEnvironment(env)).clock(Clock.systemUTC())
                    .auditSink(auditLines::add).build();
        });
    }

    /** One instance of the app on its own worker, sharing the app's storage with every other instance. */
    FunctionHost host() {
        return host(worker());
    }

    FunctionHost host(WorkerRuntime worker) {
        return new FunctionHost(storage, Map.of(
                BridgeHttpFunctions.class, () -> new BridgeHttpFunctions(worker),
                CredentialHealthFunctions.class, () -> new CredentialHealthFunctions(worker, Clock.systemUTC())));
    }

    String callerJwt() {
        return world.callerJwt();
    }

    /** Headers of a request from the trusted workload. */
    Map<String, String> asCaller() {
        return Map.of(CALLER_HEADER, "Bearer " + callerJwt());
    }

    @Override
    public void close() {
        world.close();
    }
}
