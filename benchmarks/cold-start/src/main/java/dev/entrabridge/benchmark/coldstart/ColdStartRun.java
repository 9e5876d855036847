package dev.entrabridge.benchmark.coldstart;

import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.lambda.InvocationResult;
import dev.entrabridge.emulator.lambda.LambdaRuntimeApiEmulator;
import dev.entrabridge.emulator.lambda.LambdaRuntimeProcess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Starts one fresh execution environment (Runtime API emulator + child JVM) with the invocation
 * already waiting, as Lambda does on a cold start, and times it from the recorded requests.
 */
final class ColdStartRun {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String NEXT = "/2018-06-01/runtime/invocation/next";

    private ColdStartRun() {
    }

    static ColdStart measure(BenchmarkedFunction function, Map<String, String> extraEnvironment,
                             List<String> jvmOptions) {
        Clock clock = Clock.systemUTC();
        try (LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(clock)) {
            var invocation = api.invoke(function.event());
            try (LambdaRuntimeProcess runtime = LambdaRuntimeProcess.builder()
                    .classpath(function.classpath())
                    .handler(function.handler())
                    .runtimeApi(api)
                    .environment(function.environment())
                    .environment(extraEnvironment)
                    .jvmOptions(jvmOptions)
                    .clock(clock)
                    .start()) {
                InvocationResult result = invocation.await(LIMIT);
                // Read at once: the runtime is idle in its next /next from here on.
                Duration cpu = runtime.cpuTime().orElseThrow(
                        () -> new IllegalStateException("the OS reports no CPU time for the runtime JVM"));
                if (!(result instanceof InvocationResult.Response) || !result.payload().contains(function.expect())) {
                    throw new IllegalStateException(function.name() + " did not answer as expected: " + result
                            + "\noutput: " + runtime.output());
                }
                Instant started = runtime.startedAt();
                List<RecordedRequest> requests = api.requests();
                Instant initialised = requests.stream().filter(r -> r.path().equals(NEXT)).findFirst()
                        .orElseThrow().receivedAt();
                Instant responded = requests.stream()
                        .filter(r -> r.path().endsWith("/" + invocation.requestId() + "/response")).findFirst()
                        .orElseThrow().receivedAt();
                return new ColdStart(Duration.between(started, initialised), Duration.between(started, responded),
                        cpu);
            }
        }
    }
}
