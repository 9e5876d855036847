package dev.entrabridge.cache;

import dev.entrabridge.token.AgentToken;

/** Fetches a token from upstream on a cache miss or refresh. */
@FunctionalInterface
public interface TokenLoader {

    /**
     * @param replacing {@code true} when a cached token is being refreshed (so upstream caches must
     *                  be bypassed, or the same token would come back), {@code false} on a cold miss
     */
    AgentToken load(boolean replacing);
}
