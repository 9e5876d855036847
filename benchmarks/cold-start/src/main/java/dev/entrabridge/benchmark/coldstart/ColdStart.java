package dev.entrabridge.benchmark.coldstart;

import java.time.Duration;

/**
 * One cold start: from just before the JVM is started to the runtime's first {@code /next} (the
 * RIC and the handler's constructor are done) and to its first response, and the CPU time the JVM
 * had used when that response arrived.
 */
record ColdStart(Duration toInitialised, Duration toFirstResponse, Duration cpuToFirstResponse) {
}
