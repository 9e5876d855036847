package dev.entrabridge.emulator.lambda;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The function an emulated execution environment runs: the identity and limits Lambda gives the
 * runtime through {@code Lambda-Runtime-*} headers and its reserved environment variables.
 *
 * @param name      function name ({@code AWS_LAMBDA_FUNCTION_NAME}), 1–64 of {@code [A-Za-z0-9_-]}
 * @param version   function version ({@code $LATEST} or a number)
 * @param region    region ({@code AWS_REGION})
 * @param accountId twelve-digit account id of the ARN
 * @param memoryMb  memory size, 128–10240 MB
 * @param timeout   function timeout, 1 s–900 s: the deadline of each invocation once the runtime takes it
 */
public record LambdaFunction(String name, String version, String region, String accountId, int memoryMb,
                             Duration timeout) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

    public LambdaFunction {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(region, "region");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("function name must be 1-64 letters, digits, '-' or '_': " + name);
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be twelve digits: " + accountId);
        }
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException("memory must be 128-10240 MB: " + memoryMb);
        }
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be 1 s to 15 min: " + timeout);
        }
    }

    /**
     * {@code entra-agent-bridge} in account {@code 123456789012}, {@code us-east-1}, 512 MB. The
     * timeout is 30 s rather than Lambda's default 3 s so that a loaded build machine does not time
     * out a cold start.
     */
    public static LambdaFunction example() {
        return new LambdaFunction("entra-agent-bridge", "$LATEST", "us-east-1", "123456789012", 512,
                Duration.ofSeconds(30));
    }

    public LambdaFunction withName(String newName) {
        return new LambdaFunction(newName, version, region, accountId, memoryMb, timeout);
    }

    public LambdaFunction withTimeout(Duration newTimeout) {
        return new LambdaFunction(name, version, region, accountId, memoryMb, newTimeout);
    }

    /** The unqualified function ARN. */
    public String arn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /**
     * The reserved variables Lambda sets for an on-demand execution environment (all but
     * {@code _HANDLER}, {@code AWS_LAMBDA_RUNTIME_API} and the execution role's credentials).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", version);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[" + version + "]emulated");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        return env;
    }
}
