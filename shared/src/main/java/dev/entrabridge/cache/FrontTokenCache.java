package dev.entrabridge.cache;

import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token cache in front of MSAL: a hit is a map lookup and a clock read, nothing more.
 * Entries are refreshed proactively once past their refresh time (while the cached token still
 * serves other callers), loads are single-flight per key (N concurrent misses make one upstream
 * exchange), and the size is bounded (the entry closest to expiry is evicted first).
 */
public final class FrontTokenCache {

    private static final System.Logger LOG = System.getLogger(FrontTokenCache.class.getName());

    private final int maxEntries;
    private final Clock clock;
    private final Map<TokenCacheKey, AgentToken> entries = new ConcurrentHashMap<>();
    private final Map<TokenCacheKey, CompletableFuture<AgentToken>> inflight = new ConcurrentHashMap<>();

    public FrontTokenCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The cached token, or one loaded (once, for all concurrent callers of this key). */
    public AgentToken get(TokenCacheKey key, TokenLoader loader) {
        AgentToken cached = entries.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.refreshOn())) {
            return cached;
        }
        if (cached != null && now.isBefore(cached.expiresOn())) {
            return refreshWhileServing(key, cached, loader);
        }
        return load(key, loader, cached != null);
    }

    /** Replaces the entry with a freshly loaded token (still single-flight). */
    public AgentToken refresh(TokenCacheKey key, TokenLoader loader) {
        return load(key, loader, true);
    }

    public int size() {
        return entries.size();
    }

    public void invalidate(TokenCacheKey key) {
        entries.remove(key);
    }

    /** Drops everything (e.g. after a SnapStart restore: nothing time-bound survives a snapshot). */
    public void clear() {
        entries.clear();
    }

    private AgentToken refreshWhileServing(TokenCacheKey key, AgentToken cached, TokenLoader loader) {
        CompletableFuture<AgentToken> mine = new CompletableFuture<>();
        if (inflight.putIfAbsent(key, mine) != null) {
            return cached; // someone is already refreshing; the current token is still valid
        }
        try {
            AgentToken fresh = loader.load(true);
            store(key, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (AgentTokenException e) {
            mine.completeExceptionally(e);
            if (e.diagnosis().category() == Diagnosis.Category.TRANSIENT && clock.instant().isBefore(cached.expiresOn())) {
                LOG.log(Level.WARNING, "event=token_refresh_deferred agent={0} flow={1} code={2} expires={3}",
                        key.agentIdentity(), key.flow(), e.diagnosis().code(), cached.expiresOn());
                return cached;
            }
            entries.remove(key, cached);
            throw e;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private AgentToken load(TokenCacheKey key, TokenLoader loader, boolean replacing) {
        CompletableFuture<AgentToken> mine = new CompletableFuture<>();
        CompletableFuture<AgentToken> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            if (!replacing) {
                AgentToken filled = entries.get(key);
                if (filled != null && clock.instant().isBefore(filled.refreshOn())) {
                    mine.complete(filled); // loaded by the flight that just finished
                    return filled;
                }
            }
            AgentToken fresh = loader.load(replacing);
            store(key, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private void store(TokenCacheKey key, AgentToken token) {
        entries.put(key, token);
        while (entries.size() > maxEntries) {
            var victim = entries.entrySet().stream()
                    .filter(e -> !e.getKey().equals(key))
                    .min(Comparator.comparing(e -> e.getValue().expiresOn()));
            if (victim.isEmpty()) {
                break;
            }
            entries.remove(victim.get().getKey(), victim.get().getValue());
        }
    }

    private static AgentToken await(CompletableFuture<AgentToken> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw e;
        }
    }
}
