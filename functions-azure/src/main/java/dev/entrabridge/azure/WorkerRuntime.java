package dev.entrabridge.azure;

import dev.entrabridge.config.ConfigException;
import dev.entrabridge.runtime.BridgeRuntime;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The bridge's one runtime in this Functions worker process, built on first use from the app settings
 * and shared by every function and every invocation. The Java worker makes a new function object per
 * invocation (and, since worker 2.0, loads all functions of the app in one class loader), so the runtime
 * lives here, in a process-wide holder, never in a function object. A configuration error is kept and
 * raised again on every use: app settings only change with a restart, and rebuilding would log it anew
 * each time.
 */
final class WorkerRuntime {

    private static final System.Logger LOG = System.getLogger(WorkerRuntime.class.getName());

    /** The worker process's runtime, from its environment (the app settings). */
    static final WorkerRuntime PROCESS = new WorkerRuntime(() -> {
        HealthScheduleSetting.warnIfUnusable(System.getenv());
        return BridgeRuntime.fromEnvironment(System.getenv());
    });

    private final Supplier<BridgeRuntime> build;
    private volatile BridgeRuntime runtime;
    private volatile ConfigException misconfiguration;

    /** @param build builds the runtime; called once, under a lock, however many invocations start together */
    WorkerRuntime(Supplier<BridgeRuntime> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    /**
     * @throws ConfigException naming the setting to fix, the same one every time
     */
    BridgeRuntime runtime() {
        BridgeRuntime r = runtime;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (runtime == null && misconfiguration == null) {
                try {
                    BridgeRuntime built = build.get();
                    // Every HTTP function serves callers over the network: without trusted caller issuers
                    // none could be served, so that is a configuration error now, not 401s later.
                    built.networkEndpoint();
                    runtime = built;
                } catch (ConfigException e) {
                    misconfiguration = e;
                    LOG.log(Level.ERROR, "event=bridge_misconfigured setting={0} problem=\"{1}\"", e.variable(), e.problem());
                }
            }
            if (misconfiguration != null) {
                throw misconfiguration;
            }
            return runtime;
        }
    }
}
