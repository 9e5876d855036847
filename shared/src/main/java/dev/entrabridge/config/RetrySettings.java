package dev.entrabridge.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the bridge retries a token exchange.
 *
 * @param budget              total time all attempts of one request may take ({@code BRIDGE_RETRY_BUDGET_MS})
 * @param maxAttempts         attempts per request, first one included ({@code BRIDGE_RETRY_MAX_ATTEMPTS})
 * @param ficPropagationRetry also retry "no matching federated identity credential" (AADSTS70021/7002xx),
 *                            which Entra answers for a few minutes after a FIC is created
 *                            ({@code BRIDGE_RETRY_FIC_PROPAGATION}; off for requests, on in the health check)
 */
public record RetrySettings(Duration budget, int maxAttempts, boolean ficPropagationRetry) {

    public static final RetrySettings DEFAULTS = new RetrySettings(Duration.ofSeconds(8), 4, false);

    public RetrySettings {
        Objects.requireNonNull(budget, "budget");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public RetrySettings withFicPropagationRetry(boolean retry) {
        return new RetrySettings(budget, maxAttempts, retry);
    }
}
