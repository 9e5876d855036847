package dev.entrabridge.retry;

import java.time.Duration;

/** Waits between retries; tests pass one that advances their clock instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
