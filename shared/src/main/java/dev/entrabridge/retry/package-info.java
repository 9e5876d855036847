/**
 * The bridge's one retry engine: {@link dev.entrabridge.retry.RetryLoop} runs an operation, classifies each
 * failure ({@link dev.entrabridge.retry.AttemptFailure}: final, transient, possible FIC propagation, stale
 * proof) and waits with the injected {@link dev.entrabridge.retry.Sleeper} as its
 * {@link dev.entrabridge.retry.RetryPolicy} and {@link dev.entrabridge.retry.RetryBudget} allow; a
 * {@link dev.entrabridge.retry.RetryListener} logs, counts, and renews a stale proof.
 *
 * <p>Two policies use it. Token requests: {@code RetryPolicy.of(BRIDGE_RETRY_*)}, full-jitter backoff from
 * 200 ms to 5 s (or {@code Retry-After}), FIC propagation after at least 10 s and only when enabled, all
 * within the request's budget. The health check's exchange: backoff from 500 ms, FIC propagation retried,
 * every wait within the run's deadline and one allowance shared by all agents
 * ({@code BRIDGE_HEALTH_RETRY_SECONDS}). Tests pass a sleeper that advances their clock.
 */
package dev.entrabridge.retry;
