package dev.entrabridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.runtime.BridgeRuntime;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda handler of the token endpoint behind a Function URL with {@code AuthType: AWS_IAM}
 * ({@code dev.entrabridge.lambda.TokenFunctionUrlHandler::handleRequest}): the bridge's HTTP contract,
 * with the verified IAM principal as the caller the policy decides on.
 */
public final class TokenFunctionUrlHandler implements RequestStreamHandler, Resource {

    private final BridgeRuntime runtime;

    /**
     * What Lambda calls once per execution environment: the runtime from the function's environment.
     *
     * @throws dev.entrabridge.config.ConfigException naming the variable to fix
     */
    public TokenFunctionUrlHandler() {
        this(BridgeRuntime.fromEnvironment(System.getenv()));
    }

    /** On a runtime the caller built (tests). */
    public TokenFunctionUrlHandler(BridgeRuntime runtime) {
        this.runtime = runtime;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(FunctionUrlMapping.MAX_EVENT_BYTES + 1);
        BridgeResponse response = runtime.endpoint().handle(() -> FunctionUrlMapping.request(event));
        output.write(FunctionUrlMapping.response(response));
    }

    /** SnapStart: serves a liveness request end to end, which asks nothing of Entra or STS. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        ColdStartPriming.functionUrl(runtime.endpoint());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        runtime.resetTimeBoundState();
    }
}
