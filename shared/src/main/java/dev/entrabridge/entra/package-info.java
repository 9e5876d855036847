/**
 * The Entra Agent ID flows on MSAL4J: {@link dev.entrabridge.entra.AgentTokenService} implements
 * {@code AgentTokenProvider}, one per process, built by the runtime on its credential and HTTP client.
 *
 * <h2>How a token is made</h2>
 * The blueprint's {@code ConfidentialClientApplication} gets T1 ({@code client_credentials},
 * {@code fmi_path=<agent appId>}, scope {@code api://AzureADTokenExchange/.default}) with the credential's
 * MSAL credential. Each agent identity has its own application whose credential is a callback returning T1;
 * it runs {@code client_credentials} (autonomous), {@code jwt-bearer} on-behalf-of, or T2 then
 * {@code user_fic} (agent user). MSAL runs on the calling thread ({@code DirectExecutorService}) over the
 * bridge's {@code MsalTransport}: explicit timeouts, no redirects, and {@code ENTRA_ENDPOINT_OVERRIDE}
 * rewriting only scheme, host and port, so MSAL keeps the production authority URL and its cache behaves as
 * in production. Entra's {@code error_codes} are read from the response by {@code TokenEndpointObserver}
 * into the thread's {@code ExchangeTrace} (MSAL's exception does not expose them) and turned into a
 * {@code Diagnosis} by {@code FailureClassifier} and {@code EntraErrorCatalog}.
 *
 * <h2>Behaviour worth knowing</h2>
 * AADSTS700024 (stale assertion or T1): re-mint and retry once. 429/5xx, timeouts and dropped connections:
 * jittered exponential backoff honouring {@code Retry-After} inside {@code BRIDGE_RETRY_BUDGET_MS}, through
 * the one retry engine of {@code dev.entrabridge.retry}. FIC mismatches ({@link dev.entrabridge.entra.FicPropagation}:
 * 70021, 700211–700213, 7002137/8) are retried only with {@code BRIDGE_RETRY_FIC_PROPAGATION=true}; the
 * health check retries them itself. A cached token is refreshed at {@code refresh_in} (else 5 minutes before
 * expiry); if that refresh fails transiently the still-valid token keeps being served. The probes
 * ({@code probeAssertion}, {@code probeLeg1}, {@code probeLegs}) make one uncached try each for the health
 * check. {@code resetTimeBoundState()} forgets tokens, MSAL's caches and any reused assertion (SnapStart).
 * Logs are one {@code event=…} line per outcome and never contain a token, assertion or secret.
 */
package dev.entrabridge.entra;
