package dev.entrabridge.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS Lambda Runtime API (version 2018-06-01) of one execution environment on loopback, for the
 * real runtime interface client: tests queue invocations and read what the runtime answered.
 */
public final class LambdaRuntimeApiEmulator implements AutoCloseable {

    /** Lambda's limit on a synchronous invocation's request payload. */
    public static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /** Lambda's limit on {@code ClientContext}, which its API measures base64-encoded. */
    public static final int MAX_CLIENT_CONTEXT_BASE64_BYTES = 3583;

    private static final String API = "/2018-06-01/runtime";
    private static final Pattern INVOCATION_ANSWER = Pattern.compile(API + "/invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaFunction function;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutionEnvironment environment;
    private final EmulatorServer server;

    private LambdaRuntimeApiEmulator(LambdaFunction function, Clock clock) {
        this.function = function;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lambda-runtime-api-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.environment = new ExecutionEnvironment(function, clock, timer);
        // Room above the 6 MB response limit, so that an oversized response is seen and refused the
        // way Lambda refuses it rather than cut off by the server's own body limit.
        this.server = EmulatorServer.http("lambda-runtime-api", clock)
                .maxRequestBodyBytes(2 * RuntimeApiAnswers.MAX_RESPONSE_BYTES)
                .route("/", this::answer)
                .start();
    }

    /** Starts the Runtime API for {@link LambdaFunction#example()}. */
    public static LambdaRuntimeApiEmulator start(Clock clock) {
        return start(LambdaFunction.example(), clock);
    }

    /**
     * Starts the Runtime API for {@code function}. The {@code clock} sets each invocation's
     * {@code Lambda-Runtime-Deadline-Ms}; the RIC measures remaining time against the system clock,
     * so use a system clock when a handler reads {@code getRemainingTimeInMillis()}.
     */
    public static LambdaRuntimeApiEmulator start(LambdaFunction function, Clock clock) {
        return new LambdaRuntimeApiEmulator(function, clock);
    }

    public LambdaFunction function() {
        return function;
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String runtimeApi() {
        return "127.0.0.1:" + server.port();
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    /**
     * The variables Lambda sets for a runtime in this environment: the function's reserved ones and
     * {@code AWS_LAMBDA_RUNTIME_API}.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi());
        return env;
    }

    /** Queues a synchronous invocation with {@code eventJson}; see {@link #invoke(InvokeRequest)}. */
    public Invocation invoke(String eventJson) {
        return invoke(InvokeRequest.of(eventJson));
    }

    /**
     * Queues a synchronous invocation; the runtime takes it with its next {@code /invocation/next}.
     *
     * @throws IllegalArgumentException for what Lambda's {@code Invoke} refuses: a payload that is not
     *                                  JSON or exceeds 6 MB, a client context or Cognito identity that is
     *                                  not a JSON object, a client context over 3583 bytes base64-encoded
     */
    public Invocation invoke(InvokeRequest request) {
        validate(request);
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), request,
                request.traceId().orElseGet(this::newTraceId));
        environment.enqueue(invocation);
        return invocation;
    }

    /** What the runtime posted to {@code /runtime/init/error}, in order. */
    public List<InitError> initErrors() {
        return environment.initErrors();
    }

    /** Every request the runtime made, in order (including each {@code /invocation/next}). */
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    public Faults faults() {
        return server.faults();
    }

    /** Fails waiting invocations and stops the server; a runtime polling {@code /next} then exits. */
    @Override
    public void close() {
        environment.close();
        server.close();
        timer.shutdownNow();
    }

    private EmulatorResponse answer(RecordedRequest request) throws InterruptedException {
        String path = request.path();
        boolean post = request.method().equals("POST");
        if (path.equals(API + "/invocation/next")) {
            return request.method().equals("GET") ? environment.next() : RuntimeApiAnswers.methodNotAllowed();
        }
        if (path.equals(API + "/init/error")) {
            return post ? environment.initError(request) : RuntimeApiAnswers.methodNotAllowed();
        }
        Matcher answer = INVOCATION_ANSWER.matcher(path);
        if (answer.matches()) {
            if (!post) {
                return RuntimeApiAnswers.methodNotAllowed();
            }
            return answer.group(2).equals("response")
                    ? environment.respond(answer.group(1), request)
                    : environment.fail(answer.group(1), request);
        }
        return RuntimeApiAnswers.notFound();
    }

    private static void validate(InvokeRequest request) {
        byte[] payload = request.payload().getBytes(StandardCharsets.UTF_8);
        if (payload.length > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("RequestEntityTooLargeException: Request must be smaller than "
                    + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation");
        }
        try {
            JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "InvalidRequestContentException: Could not parse request body into json: " + e.getMessage(), e);
        }
        request.clientContext().ifPresent(c -> {
            requireJsonObject(c, "client context");
            int encoded = Base64.getEncoder().encode(c.getBytes(StandardCharsets.UTF_8)).length;
            if (encoded > MAX_CLIENT_CONTEXT_BASE64_BYTES) {
                throw new IllegalArgumentException("client context is " + encoded + " bytes base64-encoded; Lambda"
                        + " accepts at most " + MAX_CLIENT_CONTEXT_BASE64_BYTES);
            }
        });
        request.cognitoIdentity().ifPresent(c -> requireJsonObject(c, "Cognito identity"));
    }

    private static void requireJsonObject(String json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object: " + json);
        }
    }

    /** An X-Ray trace header: {@code Root=1-<epoch seconds hex>-<96-bit id>;Parent=<64-bit id>;Sampled=0}. */
    private String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(clock.instant().getEpochSecond()) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }

    @Override
    public String toString() {
        return "Lambda Runtime API emulator for " + function.arn() + " at " + runtimeApi();
    }
}
