package dev.entrabridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.health.EmfHealthMetrics;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.HealthReportJson;
import dev.entrabridge.runtime.BridgeRuntime;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Lambda handler of the scheduled credential health check
 * ({@code dev.entrabridge.lambda.ScheduledHealthHandler::handleRequest}), invoked by an EventBridge
 * schedule with any event: it runs the check, writes one CloudWatch Embedded Metric Format line per check
 * and one for the overall result (namespace {@code EntraAgentBridge}, metric {@code CheckFailed},
 * dimensions {@code Service} = the function name and {@code Check}, {@code overall} for the whole run) and
 * then the JSON report as one line, and answers the report's summary. A failing check is not an
 * invocation error — the schedule would retry it — but {@code CheckFailed = 1}, which the alarm watches.
 */
public final class ScheduledHealthHandler implements RequestStreamHandler, Resource {

    private static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final String DEFAULT_SERVICE = "entra-agent-bridge";

    private final BridgeRuntime runtime;
    private final Consumer<String> logLines;

    /**
     * What Lambda calls once per execution environment: the runtime from the function's environment,
     * metrics and report to standard output (CloudWatch Logs).
     *
     * @throws dev.entrabridge.config.ConfigException naming the variable to fix
     */
    public ScheduledHealthHandler() {
        this(ColdStartPriming.whilePriming(() -> BridgeRuntime.builder(BridgeConfig.fromEnvironment(System.getenv()))
                .httpContractOnFirstUse().build(), ColdStartPriming::serviceClients, ColdStartPriming::tlsHandshake),
                standardOutput());
    }

    /** On a runtime the caller built, with the metric and report lines going to {@code logLines} (tests). */
    public ScheduledHealthHandler(BridgeRuntime runtime, Consumer<String> logLines) {
        this.runtime = runtime;
        this.logLines = Objects.requireNonNull(logLines, "logLines");
        runtime.health();  // assembled during init, which Lambda runs at full CPU
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readNBytes(MAX_EVENT_BYTES);  // the schedule's event carries nothing the check needs
        HealthReport report = runtime.health().run();
        new EmfHealthMetrics(EmfHealthMetrics.DEFAULT_NAMESPACE, service(context), logLines).publish(report);
        logLines.accept(HealthReportJson.toJson(report).toString());
        output.write(HealthReportJson.summary(report).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SnapStart: primes the SDK's STS path and TLS; the check itself never runs before a checkpoint. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        ColdStartPriming.health();
    }

    /** SnapStart: forgets every token, assertion and the last report minted before the snapshot. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        runtime.resetTimeBoundState();
    }

    private static String service(Context context) {
        String name = context == null ? null : context.getFunctionName();
        if (name == null || name.isBlank()) {
            name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }
        return name == null || name.isBlank() ? DEFAULT_SERVICE : name;
    }

    private static Consumer<String> standardOutput() {
        PrintStream out = System.out;
        return out::println;
    }
}
