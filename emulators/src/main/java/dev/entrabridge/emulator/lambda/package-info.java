/**
 * The AWS Lambda Runtime API of one execution environment
 * ({@link dev.entrabridge.emulator.lambda.LambdaRuntimeApiEmulator}) and a launcher
 * ({@link dev.entrabridge.emulator.lambda.LambdaRuntimeProcess}) that runs a handler under the real
 * runtime interface client (RIC, {@code aws-lambda-java-runtime-interface-client}) in a child JVM
 * against it.
 *
 * <pre>{@code
 * try (LambdaRuntimeApiEmulator api = LambdaRuntimeApiEmulator.start(Clock.systemUTC());
 *      LambdaRuntimeProcess runtime = LambdaRuntimeProcess.builder()
 *              .classpath(LambdaRuntimeProcess.classpathOfThisJvm())   // handler + deps + RIC (test scope)
 *              .handler("dev.entrabridge.aws.BedrockActionGroupHandler::handleRequest")
 *              .runtimeApi(api)                                      // AWS_LAMBDA_RUNTIME_API + reserved variables
 *              .environment(bridgeConfiguration)                     // e.g. endpoints of the other emulators
 *              .start()) {
 *     Invocation invocation = api.invoke(InvokeRequest.of(eventJson)
 *             .withClientContext("{\"custom\":{\"bedrockAgentCoreToolName\":\"t___getUser\"}}"));
 *     InvocationResult result = invocation.await(Duration.ofSeconds(30));  // Response or FunctionError
 *     api.initErrors(); api.requests(); runtime.stdout(); runtime.awaitOutput(line -> …, timeout);
 * }
 * }</pre>
 *
 * <p><b>Routes</b> (version {@code 2018-06-01}), as Lambda's runtime API server (RAPID) answers them:
 * <ul>
 * <li>{@code GET /runtime/invocation/next} waits without a time limit for a queued invocation and
 * answers 200 with the event as body, {@code Content-Type: application/json} (without it the RIC's
 * native client crashes), {@code Lambda-Runtime-Aws-Request-Id}, {@code -Deadline-Ms} (emulator clock
 * + the function's or the invocation's timeout, counted from the moment the runtime takes it),
 * {@code -Invoked-Function-Arn} (with the caller's qualifier), {@code -Trace-Id}, and
 * {@code -Client-Context} / {@code -Cognito-Identity} when the caller gave them. A second
 * {@code /next} while an invocation is held hands it again, as RAPID does.</li>
 * <li>{@code POST /runtime/invocation/{id}/response} and {@code …/error} answer 202
 * {@code {"status":"OK"}}. The id is checked first: one that is not the invocation held (or none held
 * yet) is 400 {@code {"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}}; then the
 * state: a second answer for the held id is 403 {@code InvalidStateTransition} "State transition from
 * RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not
 * allowed". The error's body and {@code Lambda-Runtime-Function-Error-Type} header (the RIC sends
 * {@code Runtime.UserException}) become the caller's {@code FunctionError}.</li>
 * <li>A response over 6,291,556 bytes (6 MiB + 100, RAPID's buffer) is 413
 * {@code {"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}}
 * and the caller gets {@code Function.ResponseSizeTooLarge} "Response payload size (N bytes) exceeded
 * maximum allowed payload size (6291556 bytes)."; the RIC then posts an error for the same id, is
 * refused with 403 and exits, and Lambda would replace the environment. Bodies over twice the limit
 * are cut off by the server (413 text) and the invocation times out.</li>
 * <li>{@code POST /runtime/init/error} is accepted (202) only before the first invocation is taken
 * (else 403 "…from Ready to InitError…"). The RIC posts it, with {@code Runtime.BadFunctionCode},
 * when the handler class is missing or its constructor throws, then exits with status 1. Every
 * invocation waiting or queued later fails with that document ({@code Cause.INIT_ERROR}), as the
 * invocation that triggered a cold start does in Lambda; {@code /next} is refused with 403 "State
 * transition from InitError to Ready failed for runtime…".</li>
 * <li>An invocation still held at its deadline fails with {@code Sandbox.Timedout} "RequestId: … Error:
 * Task timed out after N.NN seconds"; the late answer is refused with 403 (the RIC then exits; Lambda
 * would reset the environment). Unknown paths are 404 "404 page not found", wrong methods 405;
 * SnapStart's {@code /runtime/restore/*} routes exist only for {@code snap-start} initialisation and
 * are not emulated.</li>
 * </ul>
 *
 * <p><b>Invoke</b> refuses what Lambda's {@code Invoke} refuses, with its messages: a payload that is not
 * JSON or over 6,291,456 bytes, a client context that is not a JSON object or over 3,583 bytes
 * base64-encoded. The synchronous runtime is sequential: one invocation at a time, in queue order.
 *
 * <p><b>The child JVM</b> is {@code java -Duser.home=<task root> <options> -cp <classpath>
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>} in an empty temporary task root
 * (the RIC adds its working directory to the handler's class loader), with Lambda's environment only —
 * {@code PATH}, {@code LANG=C.UTF-8}, {@code TZ=:UTC}, {@code LAMBDA_TASK_ROOT},
 * {@code AWS_EXECUTION_ENV=AWS_Lambda_java21}, {@code _HANDLER}, the function's reserved variables,
 * {@code AWS_LAMBDA_RUNTIME_API} and what the caller adds — so no credentials of the machine leak in.
 * Default options are Lambda's for Java 17/21 ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC}). Stdout and stderr are kept line by line (handler logs, EMF metrics, the RIC's own
 * {@code LAMBDA_RUNTIME} lines). {@code close()} sends SIGTERM, then SIGKILL after 3 s; a shutdown hook
 * kills a runtime the test forgot. The classpath must carry the RIC and its dependencies
 * ({@code aws-lambda-java-core}, {@code aws-lambda-java-serialization}, {@code utils-lite}): a
 * module's Failsafe classpath does when the RIC is a test dependency, so
 * {@code classpathOfThisJvm()} is enough there; a script can pass
 * {@code mvn dependency:build-classpath} output. This module depends on the RIC only in test scope.
 */
package dev.entrabridge.emulator.lambda;
