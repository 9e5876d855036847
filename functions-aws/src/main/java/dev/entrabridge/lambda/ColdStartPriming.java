package dev.entrabridge.lambda;

import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.entra.OfflineMsalPriming;
import dev.entrabridge.graph.CalendarQuery;
import dev.entrabridge.graph.MailMessage;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.sts.StsClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the handlers run during init (next to building the runtime, on another thread) and again before a
 * SnapStart checkpoint, so that the first invocation, or the snapshot, finds the classes of the hot paths
 * loaded and linked: event parsing, argument conversion, the core's input records, reply rendering, the
 * AWS SDK's STS request path (its own warm-up, against a canned in-memory response), MSAL's token request
 * path (against a canned in-memory response too) and the start of a
 * TLS handshake. None of it asks Entra, STS or Graph for anything, and nothing it creates outlives it: a
 * snapshot may be restored many times and hours later, so it must hold no token, assertion, random id or time.
 */
final class ColdStartPriming {

    private ColdStartPriming() {
    }

    /**
     * Builds with {@code building} on this thread while each {@code priming} task runs on its own: the runtime's
     * construction and the priming load mostly different classes, so on two or more vCPUs they overlap instead of
     * adding up (on this project's 2-core benchmark machine, two priming threads beat one, which beat none, with
     * the JDK's default CDS archive; with an AppCDS archive priming changed nothing measurable). A priming failure
     * is a broken deployment package, and fails init.
     */
    static <T> T whilePriming(Supplier<T> building, Runnable... priming) {
        List<CompletableFuture<Void>> primed = new ArrayList<>();
        for (Runnable task : priming) {
            primed.add(CompletableFuture.runAsync(task, runnable -> {
                Thread thread = new Thread(runnable, "cold-start-priming");
                thread.setDaemon(true);
                thread.start();
            }));
        }
        T built = building.get();
        try {
            primed.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return built;
    }

    /** The Bedrock action group's own input and output, and the TLS client: what no service client covers. */
    static void bedrockInput() {
        events();
        tlsHandshake();
    }

    /** The service clients' request paths, each against its canned in-memory response: STS (the SDK's) and MSAL's. */
    static void serviceClients() {
        SdkWarmUp.warmUp(StsClient.class);
        OfflineMsalPriming.acquire();
    }

    /** The Bedrock action group, everything at once (SnapStart's checkpoint): its input and output, TLS, STS and MSAL. */
    static void bedrock() {
        bedrockInput();
        serviceClients();
    }

    private static void events() {
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
    }

    /**
     * A TLS client's first message, produced in memory and discarded: loads the handshake, key-share and
     * cipher-suite classes and the JDK's trust store that every first request to Entra and Graph needs;
     * nothing is sent, and the engine with its keys is dropped.
     */
    static void tlsHandshake() {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine("priming.invalid", 443);
            engine.setUseClientMode(true);
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            engine.closeOutbound();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("the JDK's TLS client cannot start a handshake: " + e.getMessage(), e);
        }
    }

    /** The Function URL: a liveness request through mapping, routing and rendering. */
    static void functionUrl(BridgeEndpoint endpoint) {
        byte[] event = resource("priming-function-url-event.json");
        FunctionUrlMapping.response(endpoint.handle(() -> FunctionUrlMapping.request(event)));
        SdkWarmUp.warmUp(StsClient.class);
    }

    /** The health check: the service clients and TLS; the check itself must not run before a checkpoint. */
    static void health() {
        serviceClients();
        tlsHandshake();
    }

    private static byte[] resource(String name) {
        try (InputStream in = ColdStartPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the priming event " + name + " is missing from the deployment package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
