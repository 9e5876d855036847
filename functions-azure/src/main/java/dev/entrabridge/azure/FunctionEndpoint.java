package dev.entrabridge.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.entrabridge.config.ConfigException;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.RequestRefused;
import dev.entrabridge.inbound.Caller;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves the Function App's HTTP triggers on the worker's one runtime, through the endpoint for callers that
 * come over the network (each one proves itself by its own JWT, checked in the core). A runtime whose
 * configuration failed answers every request with the same 503 problem; which setting to fix is in the log
 * (written once, by {@link WorkerRuntime}), never in the answer to an unauthenticated caller.
 */
final class FunctionEndpoint {

    private final WorkerRuntime worker;

    FunctionEndpoint(WorkerRuntime worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** A route of the shared contract. */
    HttpResponseMessage serve(HttpRequestMessage<Optional<byte[]>> request) {
        return HttpMessages.response(request, withEndpoint(e -> e.handle(() -> HttpMessages.request(request))));
    }

    /** A route of this adapter's own, behind the same caller authentication. */
    HttpResponseMessage serveOwn(HttpRequestMessage<Optional<byte[]>> request, Function<Caller, BridgeResponse> answer) {
        return HttpMessages.response(request, withEndpoint(e -> e.handleOwnRoute(() -> HttpMessages.request(request), answer)));
    }

    private BridgeResponse withEndpoint(Function<BridgeEndpoint, BridgeResponse> serve) {
        BridgeEndpoint endpoint;
        try {
            endpoint = worker.runtime().networkEndpoint();
        } catch (ConfigException e) {
            return BridgeEndpoint.problem(RequestRefused.unavailable("BRIDGE_MISCONFIGURED",
                    "The bridge cannot serve requests: its configuration is incomplete or invalid.",
                    "The operator must fix the Function App's settings; the function log names the setting.",
                    Duration.ofMinutes(5)));
        }
        return serve.apply(endpoint);
    }
}
