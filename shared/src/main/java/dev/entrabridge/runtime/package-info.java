/**
 * The composition root. {@link dev.entrabridge.runtime.BridgeRuntime#fromEnvironment(java.util.Map)} builds a
 * deployment's whole object graph once per process from its environment (audit lines to standard output, the
 * system clock, real sleeps); {@code BridgeRuntime.builder(config)} takes collaborators for tests
 * ({@code clock}, {@code sleeper}, {@code auditSink}, optionally {@code credential} and {@code httpClient}).
 *
 * <p>A runtime owns exactly one outbound JDK {@code HttpClient} (reading {@code BRIDGE_TRUSTED_CA_FILE}
 * once), one blueprint credential (one STS client, one assertion reuse window), one token service
 * ({@code tokens()}), the token issuance ({@code issuer()}), the HTTP contract ({@code endpoint()} for callers the
 * adapter authenticates; {@code networkEndpoint()}, sharing its validators, for callers that come over the network
 * and prove themselves by their own JWT — a {@code ConfigException} naming {@code BRIDGE_CALLERS} without one), the
 * Microsoft Graph operations ({@code graph()}, their tokens from {@code issuer()}) and,
 * built on first use on the same credential, service and client, the credential health check
 * ({@code health()}; from then on {@code /healthz} serves its summary). {@code resetTimeBoundState()}
 * forgets cached tokens, MSAL's caches, any reused assertion and the last health report: call it from
 * SnapStart's {@code afterRestore}. Adapters never wire clients themselves: they build a runtime and
 * translate their trigger's input and output.
 */
package dev.entrabridge.runtime;
