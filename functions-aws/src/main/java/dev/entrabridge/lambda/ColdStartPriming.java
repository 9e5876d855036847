package dev.entrabridge.lambda;

import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.graph.CalendarQuery;
import dev.entrabridge.graph.MailMessage;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the handlers run before a SnapStart checkpoint so the snapshot holds loaded and linked classes
 * for their hot paths: event parsing, argument conversion, the core's input records, reply rendering,
 * and the AWS SDK's STS request path (its own warm-up, against a canned in-memory response). None of it
 * asks Entra, STS or Graph for anything, and nothing it creates outlives it: a snapshot may be restored
 * many times and hours later, so it must hold no token, assertion, random id or time.
 */
final class SnapStartPriming {

    private SnapStartPriming() {
    }

    /** The Bedrock action group: both event forms through parsing, binding and the reply, plus STS's path. */
    static void bedrock() {
        for (String name : List.of("priming-openapi-event.json", "priming-function-event.json")) {
            BedrockEvent event = BedrockEvent.parse(resource(name));
            GraphAction action = event.style() == BedrockEvent.Style.OPENAPI
                    ? GraphActions.byApi(event.httpMethod(), event.apiPath()).orElseThrow()
                    : GraphActions.byFunction(event.function()).orElseThrow();
            ActionArguments arguments = ActionArguments.bind(action, event.values());
            if (action.name().equals("sendMail")) {
                MailMessage.text(arguments.text("from"), arguments.list("to"), arguments.text("subject"), "");
            } else {
                CalendarQuery.parse(arguments.text("user"), arguments.text("start"), arguments.text("end"));
            }
            BedrockReply.render(event, ActionOutcome.ok("{\"primed\":true}"));
            BedrockReply.render(event, ActionOutcome.refused(ActionRefusal.missingParameter("priming", "priming")
                    .diagnosis(), ActionOutcome.Source.INPUT));
        }
        SdkWarmUp.warmUp(StsClient.class);
    }

    /** The Function URL: a liveness request through mapping, routing and rendering. */
    static void functionUrl(BridgeEndpoint endpoint) {
        byte[] event = resource("priming-function-url-event.json");
        FunctionUrlMapping.response(endpoint.handle(() -> FunctionUrlMapping.request(event)));
        SdkWarmUp.warmUp(StsClient.class);
    }

    /** The health check: only the SDK's STS path; the check itself must not run before a checkpoint. */
    static void health() {
        SdkWarmUp.warmUp(StsClient.class);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the priming event " + name + " is missing from the deployment package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
