/**
 * The AWS Lambda adapters: three handlers in one deployment package
 * ({@code functions-aws/target/entra-agent-bridge-lambda.jar}), each a thin translation of its trigger over
 * the core, which each builds once per execution environment with
 * {@code BridgeRuntime.fromEnvironment(System.getenv())} in its no-arg constructor (a second constructor
 * takes a runtime, for tests). A configuration error is thrown from that constructor, so Lambda reports it
 * as the function's init error ({@code Runtime.BadFunctionCode}) with the message naming the variable.
 *
 * <table>
 * <caption>Handlers</caption>
 * <tr><th>handler string</th><th>trigger</th><th>caller</th></tr>
 * <tr><td>{@code dev.entrabridge.lambda.BedrockActionGroupHandler::handleRequest}</td><td>an Amazon Bedrock agent's
 *     action group (OpenAPI schema {@code infra/aws/bedrock-openapi.json} or function details
 *     {@code infra/aws/bedrock-functions.json})</td><td>the Bedrock agent ({@code agent.id}, {@code agent.alias})</td></tr>
 * <tr><td>{@code dev.entrabridge.lambda.TokenFunctionUrlHandler::handleRequest}</td><td>a Function URL with
 *     {@code AuthType: AWS_IAM} (payload format 2.0)</td><td>the IAM principal Lambda verified
 *     ({@code requestContext.authorizer.iam.userArn})</td></tr>
 * <tr><td>{@code dev.entrabridge.lambda.ScheduledHealthHandler::handleRequest}</td><td>an EventBridge schedule
 *     (any event)</td><td>—</td></tr>
 * </table>
 *
 * <h2>Environment</h2>
 * Every handler reads the core's configuration (the table in {@code dev.entrabridge.config}); on Lambda the
 * credential source is {@code aws-sts} by default ({@code AWS_LAMBDA_FUNCTION_NAME} is set) with the
 * function's {@code AWS_REGION} and execution role. What each one needs on top:
 * <ul>
 * <li>all: {@code ENTRA_TENANT_ID}, {@code ENTRA_BLUEPRINT_CLIENT_ID}, {@code BRIDGE_AGENTS}, a Graph API
 *     ({@code DownstreamApis__graph__BaseUrl=https://graph.microsoft.com},
 *     {@code DownstreamApis__graph__Scopes__0=https://graph.microsoft.com/.default}), optionally
 *     {@code BRIDGE_STS_TOKEN_DURATION_SECONDS};</li>
 * <li>the action group: {@code BRIDGE_BEDROCK_AGENTS} ({@code <agent>=<Bedrock agent id>[:<alias id>],…}),
 *     {@code BRIDGE_POLICY} with {@code "caller":{"kind":"bedrock-agent","agentId":…}} rules for the Graph API,
 *     {@code BRIDGE_GRAPH_SEND_MAIL=true} to let agents send mail, {@code BRIDGE_GRAPH_ALLOWED_PATHS} for
 *     {@code getResource}, {@code BRIDGE_GRAPH_MAX_BYTES}/{@code _MAX_RESULTS}/{@code _TIMEOUT_MS};</li>
 * <li>the Function URL: {@code BRIDGE_POLICY} with {@code "caller":{"kind":"aws-iam","principalArn":…}} rules
 *     (a trailing {@code *} matches every session of a role), optionally {@code BRIDGE_CALLERS} for RFC 8693
 *     token exchange;</li>
 * <li>the health check: the {@code BRIDGE_HEALTH_*} settings; the blueprint needs Graph's
 *     {@code AgentIdentityBlueprint.Read.All} for the federated-credential and expiry checks.</li>
 * </ul>
 *
 * <h2>The action group</h2>
 * Actions ({@link dev.entrabridge.lambda.GraphActions}, each a core Graph operation; function name = OpenAPI
 * {@code operationId}): {@code getUser} ({@code GET /users/{user}}, {@code select}), {@code searchUsers}
 * ({@code GET /users}, {@code prefix}, {@code top}), {@code calendarView} ({@code GET /users/{user}/calendarView},
 * {@code start}, {@code end}, {@code top}), {@code sendMail} ({@code POST /users/{from}/sendMail}, body
 * {@code to}, {@code subject}, {@code body}, {@code html}; confirmation required in both schemas), and
 * {@code getResource} ({@code GET /resources}, {@code path}). Values arrive as strings and are converted by the
 * declared type ({@code string}, {@code integer} as digits, {@code number}, {@code boolean} as true/false,
 * {@code array} as {@code ["a","b"]}, {@code [a, b]} or {@code a,b}). The reply echoes {@code actionGroup} and
 * {@code apiPath}/{@code httpMethod} or {@code function}, and passes {@code sessionAttributes} and
 * {@code promptSessionAttributes} through. In order: the Bedrock agent must be mapped (else the issuance
 * refuses it, audited, before its input is read), the action and its arguments must match the schema, then
 * the agent's Graph token comes from the issuance (policy, audit) and the operation runs.
 * <table>
 * <caption>Refusals</caption>
 * <tr><th>what</th><th>function details</th><th>OpenAPI</th></tr>
 * <tr><td>missing, unknown or ill-typed parameter ({@code BEDROCK_*_PARAMETER}); the core's input checks
 *     ({@code GRAPH_INVALID_INPUT}); an unknown function or operation ({@code BEDROCK_UNKNOWN_ACTION})</td>
 *     <td>REPROMPT</td><td>400 (404 for an unknown operation or a user Graph does not find)</td></tr>
 * <tr><td>Graph 403 ({@code GRAPH_FORBIDDEN}, naming the permission to grant), mail turned off</td>
 *     <td>REPROMPT</td><td>403</td></tr>
 * <tr><td>no token: unmapped Bedrock agent, policy, Entra (e.g. {@code AADSTS700213}), STS (e.g.
 *     {@code OutboundWebIdentityFederationDisabledException})</td><td>FAILURE</td>
 *     <td>403 for the bridge's refusals, 502 for configuration and credential failures, 503/429 when transient</td></tr>
 * <tr><td>Graph unavailable or throttling; a malformed event; an unexpected error ({@code BRIDGE_INTERNAL_ERROR})</td>
 *     <td>FAILURE</td><td>503/429, 502</td></tr>
 * </table>
 * A function-details body is one sentence ({@code <cause> <remedy> (<code>)}); an OpenAPI body is
 * {@code {"error":{"code","message","remedy"}}}. No reply carries a token, an assertion or a stack trace.
 *
 * <h2>The Function URL</h2>
 * {@link dev.entrabridge.lambda.FunctionUrlMapping}: the raw path and raw query string go to the HTTP contract
 * as sent (repeated parameters stay visible), base64 bodies are decoded, a SigV4 {@code Authorization} header
 * and presigned {@code X-Amz-*} query parameters are dropped (Lambda checked them). To use the on-behalf-of
 * routes, presign the request (SigV4 in the query string) and send the user's token in
 * {@code Authorization: Bearer}. Answers are payload-2.0 responses (multi-valued headers joined by commas).
 *
 * <h2>The health check</h2>
 * One EMF line per check and one with {@code "Check":"overall"}: namespace {@code EntraAgentBridge}, metrics
 * {@code CheckFailed}, {@code CheckWarned}, {@code CheckDurationMs}, dimensions {@code Service} (the function
 * name) and {@code Check}; then the JSON report as one line. Alarm on {@code CheckFailed} of
 * {@code Check=overall} (Maximum ≥ 1). A failing check is a normal return: an invocation error would make the
 * schedule retry.
 *
 * <h2>Init and SnapStart</h2>
 * The Bedrock and health handlers build their runtime without the HTTP contract they never serve
 * ({@code BridgeRuntime.Builder#httpContractOnFirstUse()}), and prime their invocation path during init on two
 * more threads while the runtime is built ({@link dev.entrabridge.lambda.ColdStartPriming}: sample events
 * through parsing, binding and rendering, a TLS ClientHello made in memory, the SDK's own {@code SdkWarmUp} of
 * STS and an MSAL acquisition, each against a canned in-memory response). Each handler is a CRaC
 * {@code org.crac.Resource}: {@code beforeCheckpoint} runs the same priming (the Function URL's serves a
 * liveness request through the HTTP contract) and asks nothing of Entra, STS or Graph; {@code afterRestore}
 * calls {@code BridgeRuntime.resetTimeBoundState()}, so no token, assertion or health report from before the
 * snapshot is served.
 */
package dev.entrabridge.lambda;
