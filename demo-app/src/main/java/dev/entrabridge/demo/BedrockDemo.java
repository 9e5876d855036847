package dev.entrabridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.entrabridge.emulator.lambda.InvocationResult;
import dev.entrabridge.emulator.lambda.LambdaRuntimeApiEmulator;
import dev.entrabridge.emulator.lambda.LambdaRuntimeProcess;
import dev.entrabridge.testing.EmulatedDeployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./demo bedrock [--show-logs] [EVENT.json …]}: runs the Bedrock action-group handler as Lambda
 * runs it — a child JVM under the real runtime interface client against the Runtime API emulator —
 * configured for the demo's emulated world (STS, Entra, Graph), and prints each event and the handler's
 * reply. Without files it sends the examples, one per action in both event forms.
 */
final class BedrockDemo {

    static final String HANDLER = "dev.entrabridge.lambda.BedrockActionGroupHandler::handleRequest";
    /** The examples, packaged from {@code functions-aws/src/test/resources/events/bedrock/ok/}. */
    static final List<String> EXAMPLES = List.of("get-user.openapi.json", "get-user.function.json",
            "search-users.openapi.json", "search-users.function.json", "calendar-view.openapi.json",
            "calendar-view.function.json", "send-mail.openapi.json", "send-mail.function.json",
            "get-resource.openapi.json", "get-resource.function.json");
    static final String USAGE = String.join("\n",
            "usage: ./demo bedrock [--show-logs] [EVENT.json ...]",
            "  runs the Bedrock action-group Lambda under the real runtime interface client on the emulated world",
            "  and prints each event and the handler's reply; without files, one example per action in both forms",
            "  --show-logs  also print what the Lambda runtime writes (audit lines, the bridge's log events)");
    static final int USAGE_ERROR = 2;
    private static final String EXAMPLE_DIR = "bedrock-events/";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private record Event(String name, String json) { }

    private BedrockDemo() {
    }

    /** Returns the exit code: 0 when every event got a reply (refusals included), 1 when one failed, 2 on bad arguments. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean showLogs = false;
        List<Event> events = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--show-logs")) {
                showLogs = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("--")) {
                err.println("unknown argument '" + arg + "'\n" + USAGE);
                return USAGE_ERROR;
            } else {
                try {
                    events.add(new Event(arg, readJson(Files.readString(Path.of(arg), StandardCharsets.UTF_8))));
                } catch (IOException | IllegalArgumentException e) {
                    err.println("cannot use " + arg + " as an event: " + e.getMessage());
                    return USAGE_ERROR;
                }
            }
        }
        if (events.isEmpty()) {
            EXAMPLES.forEach(name -> events.add(new Event(name, example(name))));
        }
        return invokeAll(events, showLogs, out);
    }

    private static int invokeAll(List<Event> events, boolean showLogs, PrintStream out) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("entra-agent-bridge-bedrock-demo");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for the demo", e);
        }
        int failures = 0;
        try (DemoTenant world = DemoTenant.start(Clock.systemUTC(), workDir).withExampleCalendar();
             LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(Clock.systemUTC());
             LambdaRuntimeProcess lambda = LambdaRuntimeProcess.builder()
                     .classpath(LambdaRuntimeProcess.classpathOfThisJvm())
                     .handler(HANDLER)
                     .runtimeApi(api)
                     .environment(world.bedrockEnvironment())
                     .onOutput(line -> {
                         if (showLogs) {
                             out.println("  | " + line.text());
                         }
                     })
                     .start()) {
            out.println(introduction(world.bedrockEnvironment()));
            for (Event event : events) {
                out.println("=== " + event.name());
                out.println("event:");
                out.println(pretty(event.json()));
                InvocationResult result = api.invoke(event.json()).await(WAIT);
                if (result instanceof InvocationResult.Response) {
                    out.println("reply:");
                    out.println(pretty(result.payload()));
                    bodyOf(result.payload()).ifPresent(body -> out.println("reply body:\n" + body));
                } else {
                    failures++;
                    out.println("function error (" + ((InvocationResult.FunctionError) result).errorType() + "):");
                    out.println(result.payload());
                }
                out.println();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static String introduction(Map<String, String> env) {
        return String.join("\n",
                "Bedrock action group Lambda (" + HANDLER + ")",
                "  under the real runtime interface client, on the emulated AWS STS, Entra tenant and Microsoft Graph.",
                "  Bedrock agent " + EmulatedDeployment.BEDROCK_AGENT_ID + " acts as " + EmulatedDeployment.MAIL_AGENT
                        + ", " + EmulatedDeployment.BEDROCK_CALENDAR_AGENT_ID + " as " + EmulatedDeployment.CALENDAR_AGENT
                        + " (BRIDGE_BEDROCK_AGENTS=" + env.get("BRIDGE_BEDROCK_AGENTS") + ");",
                "  the blueprint holds no secret: the function's STS identity is its credential.",
                "");
    }

    /** The reply's body (a JSON string for OpenAPI, text for function details), pretty when it is JSON. */
    private static Optional<String> bodyOf(String reply) {
        try {
            JsonNode response = JSON.readTree(reply).path("response");
            JsonNode body = response.has("functionResponse")
                    ? response.path("functionResponse").path("responseBody").path("TEXT").path("body")
                    : response.path("responseBody").path("application/json").path("body");
            if (!body.isTextual()) {
                return Optional.empty();
            }
            try {
                return Optional.of(PRETTY.writeValueAsString(JSON.readTree(body.asText())));
            } catch (IOException notJson) {
                return Optional.of(body.asText());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String example(String name) {
        try (InputStream in = BedrockDemo.class.getResourceAsStream(EXAMPLE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the example event " + name + " is missing from the demo jar");
            }
            return readJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String pretty(String json) {
        try {
            return PRETTY.writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }
}
