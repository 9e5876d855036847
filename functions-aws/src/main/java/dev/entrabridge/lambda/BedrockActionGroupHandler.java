package dev.entrabridge.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.runtime.BridgeRuntime;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * The Lambda handler of Amazon Bedrock agents' action groups
 * ({@code dev.entrabridge.lambda.BedrockActionGroupHandler::handleRequest}): Microsoft Graph as the agent
 * identity the invoking Bedrock agent is mapped to, in either action-group form.
 */
public final class BedrockActionGroupHandler implements RequestStreamHandler, Resource {

    private final BridgeRuntime runtime;
    private final BedrockActions actions;

    /**
     * What Lambda calls once per execution environment: the runtime from the function's environment, built
     * while the invocation path is primed on two more threads (init runs at full CPU, before the first event).
     *
     * @throws dev.entrabridge.config.ConfigException naming the variable to fix; Lambda reports it as the
     *                                                function's init error
     */
    public BedrockActionGroupHandler() {
        this(ColdStartPriming.whilePriming(() -> BridgeRuntime.builder(BridgeConfig.fromEnvironment(System.getenv()))
                .httpContractOnFirstUse().build(), ColdStartPriming::bedrockInput, ColdStartPriming::serviceClients));
    }

    /** On a runtime the caller built (tests). */
    public BedrockActionGroupHandler(BridgeRuntime runtime) {
        this.runtime = runtime;
        this.actions = new BedrockActions(runtime.issuer(), runtime.graph(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(BedrockEvent.MAX_BYTES + 1);
        output.write(actions.handle(event, context == null ? null : context.getAwsRequestId()));
    }

    /**
     * SnapStart: the init's priming once more (cheap now), so the snapshot holds the event, argument, reply, STS
     * and TLS code paths loaded; asks nothing of Entra, STS or Graph.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        ColdStartPriming.bedrock();
    }

    /** SnapStart: a snapshot may be restored hours later, so nothing minted before it is served. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        runtime.resetTimeBoundState();
    }
}
