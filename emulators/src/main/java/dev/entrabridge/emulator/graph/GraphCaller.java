package dev.entrabridge.emulator.graph;

import java.util.Set;

/**
 * Who a validated Graph access token speaks for: an application (app-only, permissions in
 * {@code roles}) or a user through an application (delegated, permissions in {@code scp}).
 *
 * @param appId       {@code azp} (v2) or {@code appid} (v1)
 * @param userId      the signed-in user's {@code oid} for delegated tokens, else {@code null}
 * @param permissions roles or scopes
 */
record GraphCaller(String appId, String userId, Set<String> permissions) {

    boolean delegated() {
        return userId != null;
    }

    /** Directory routes refuse with {@code Authorization_RequestDenied} unless one of {@code anyOf} was granted. */
    void require(Set<String> anyOf) {
        if (!has(anyOf)) {
            throw GraphError.denied();
        }
    }

    /** Whether any of {@code anyOf} was granted (Graph accepts any sufficient permission). */
    boolean has(Set<String> anyOf) {
        return anyOf.stream().anyMatch(p -> permissions.stream().anyMatch(p::equalsIgnoreCase));
    }
}
