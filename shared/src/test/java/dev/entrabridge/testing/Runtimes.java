package dev.entrabridge.testing;

import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.emulator.cloud.MutableClock;
import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.runtime.BridgeRuntime;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one way tests build the bridge: {@link BridgeRuntime}'s builder, as every deployment does, on
 * the test's clock. Tests that need the token service take {@code runtime.tokens()}, the health
 * check {@code runtime.health()}, the HTTP contract {@code runtime.endpoint()}.
 */
public final class Runtimes {

    private Runtimes() {
    }

    /** On {@code clock}; retry waits advance it instead of sleeping; audit lines are dropped. */
    public static BridgeRuntime onClock(BridgeConfig config, MutableClock clock) {
        return onClock(config, clock, clock::advance);
    }

    /** On {@code clock}, waiting with {@code sleeper}; audit lines are dropped. */
    public static BridgeRuntime onClock(BridgeConfig config, Clock clock, Sleeper sleeper) {
        return BridgeRuntime.builder(config).clock(clock).sleeper(sleeper).auditSink(line -> { }).build();
    }

    /** On the system clock with real sleeps, as in production; audit lines go to {@code auditLines}. */
    public static BridgeRuntime system(BridgeConfig config, Consumer<String> auditLines) {
        return BridgeRuntime.builder(config).auditSink(auditLines).build();
    }

    /** On the system clock with real sleeps, as in production; audit lines are dropped. */
    public static BridgeRuntime system(BridgeConfig config) {
        return system(config, line -> { });
    }

    /** An audit sink collecting lines into {@code lines}. */
    public static Consumer<String> collecting(List<String> lines) {
        return lines::add;
    }
}
