/**
 * The front cache in front of MSAL: {@link dev.entrabridge.cache.FrontTokenCache} keyed by
 * {@link dev.entrabridge.cache.TokenCacheKey} (tenant, blueprint, agent, flow, scopes, user; an on-behalf-of
 * user as a SHA-256 of their token). Proactive refresh at the token's refresh time, single-flight (N
 * concurrent misses for one key make one upstream exchange), bounded by {@code BRIDGE_CACHE_MAX_ENTRIES};
 * a transiently failing refresh keeps serving the still-valid token.
 */
package dev.entrabridge.cache;
