package dev.entrabridge.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BlobInput;
import com.microsoft.azure.functions.annotation.BlobOutput;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.entrabridge.config.ConfigException;
import dev.entrabridge.health.CheckStatus;
import dev.entrabridge.health.HealthReport;
import dev.entrabridge.health.HealthReportJson;
import dev.entrabridge.health.LogHealthMetrics;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The credential health check on a timer, and {@code GET /api/health} serving its last report. The timer
 * writes one structured line per check and the JSON report to the invocation's log (Application Insights
 * traces, queryable and alertable) and the report to the app's own storage ({@code AzureWebJobsStorage}),
 * where the HTTP function, on whatever instance, reads it through an input binding.
 */
public final class CredentialHealthFunctions {

    /** Where the timer keeps the last report: a blob in the app's own storage account. */
    static final String REPORT_BLOB = "entra-agent-bridge/credential-health.json";
    static final String STORAGE = "AzureWebJobsStorage";

    private final WorkerRuntime worker;
    private final FunctionEndpoint endpoint;
    private final StoredHealthReport stored;

    /** What the Functions worker calls, once per invocation: the runtime itself is the worker process's one. */
    public CredentialHealthFunctions() {
        this(WorkerRuntime.PROCESS, Clock.systemUTC());
    }

    CredentialHealthFunctions(WorkerRuntime worker, Clock clock) {
        this.worker = worker;
        this.endpoint = new FunctionEndpoint(worker);
        this.stored = new StoredHealthReport(clock);
    }

    /** Runs every check once, bypassing caches, on the schedule the host reads from {@code BRIDGE_HEALTH_SCHEDULE}. */
    @FunctionName("credential-health")
    public void credentialHealth(
            @TimerTrigger(name = "timer", schedule = "%" + HealthScheduleSetting.NAME + "%") String timer,
            @BlobOutput(name = "report", path = REPORT_BLOB, dataType = "string", connection = STORAGE) OutputBinding<String> report,
            ExecutionContext context) {
        Logger log = context.getLogger();
        HealthReport result;
        try {
            result = worker.runtime().health().run();
        } catch (ConfigException e) {
            log.severe("{\"event\":\"credential_health\",\"check\":\"configuration\",\"status\":\"fail\",\"failed\":1,"
                    + "\"diagnosisCode\":\"BRIDGE_MISCONFIGURED\",\"setting\":\"" + e.variable() + "\"}");
            throw e;
        }
        Level level = result.status() == CheckStatus.FAIL ? Level.SEVERE
                : result.status() == CheckStatus.WARN ? Level.WARNING : Level.INFO;
        new LogHealthMetrics(line -> log.log(level, line)).publish(result);
        String json = HealthReportJson.toJson(result).toString();
        log.log(level, json);
        report.setValue(json);
    }

    /** The last report the timer wrote, to an authenticated caller. */
    @FunctionName("health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "request", methods = HttpMethod.GET, route = "health",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request,
            @BlobInput(name = "report", path = REPORT_BLOB, dataType = "string", connection = STORAGE) String report) {
        return endpoint.serveOwn(request, caller -> stored.answer(report));
    }
}
