package dev.entrabridge.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/**
 * The bridge's HTTP contract as Azure Functions, one function per route family, each a one-line delegate
 * to the shared endpoint. Function keys ({@code authLevel = FUNCTION}) keep strangers from reaching the code
 * at all, but identify nobody: every caller proves who it is by its own JWT, checked in the core.
 */
public final class BridgeHttpFunctions {

    private final FunctionEndpoint endpoint;

    /** What the Functions worker calls, once per invocation: the runtime itself is the worker process's one. */
    public BridgeHttpFunctions() {
        this(WorkerRuntime.PROCESS);
    }

    BridgeHttpFunctions(WorkerRuntime worker) {
        this.endpoint = new FunctionEndpoint(worker);
    }

    /** An agent token for a configured API (autonomous, or as the agent's user). */
    @FunctionName("AuthorizationHeaderUnauthenticated")
    public HttpResponseMessage authorizationHeaderUnauthenticated(
            @HttpTrigger(name = "request", methods = HttpMethod.GET, route = "AuthorizationHeaderUnauthenticated/{api}",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** An on-behalf-of token for the user whose token is in {@code Authorization}. */
    @FunctionName("AuthorizationHeader")
    public HttpResponseMessage authorizationHeader(
            @HttpTrigger(name = "request", methods = HttpMethod.GET, route = "AuthorizationHeader/{api}",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** Calls a configured API with an agent token. */
    @FunctionName("DownstreamApiUnauthenticated")
    public HttpResponseMessage downstreamApiUnauthenticated(
            @HttpTrigger(name = "request", methods = HttpMethod.POST, route = "DownstreamApiUnauthenticated/{api}",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** Calls a configured API with an on-behalf-of token. */
    @FunctionName("DownstreamApi")
    public HttpResponseMessage downstreamApi(
            @HttpTrigger(name = "request", methods = HttpMethod.POST, route = "DownstreamApi/{api}",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** Validates the user token in {@code Authorization} and shows its claims. */
    @FunctionName("Validate")
    public HttpResponseMessage validate(
            @HttpTrigger(name = "request", methods = HttpMethod.GET, route = "Validate",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** The plain token route: JSON, or RFC 8693 token exchange. */
    @FunctionName("token")
    public HttpResponseMessage token(
            @HttpTrigger(name = "request", methods = HttpMethod.POST, route = "token",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** The contract's OpenAPI document (its paths are below this app's {@code /api} prefix). */
    @FunctionName("openapi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "request", methods = HttpMethod.GET, route = "openapi/v1.json",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }

    /** Liveness and the last health summary of this instance. */
    @FunctionName("healthz")
    public HttpResponseMessage healthz(
            @HttpTrigger(name = "request", methods = HttpMethod.GET, route = "healthz",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary") HttpRequestMessage<Optional<byte[]>> request) {
        return endpoint.serve(request);
    }
}
