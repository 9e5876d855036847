package dev.entrabridge.cache;

import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What makes two token requests interchangeable: tenant, blueprint, agent identity, flow, scopes
 * and user. For on-behalf-of the user is a SHA-256 of the user's assertion, never the assertion.
 *
 * @param tenant        tenant id
 * @param blueprint     blueprint appId
 * @param agentIdentity agent identity appId
 * @param flow          the flow
 * @param scopes        scopes, sorted and space-joined
 * @param user          {@code ""} (autonomous), {@code obo:<sha256>} or the agent user's key
 */
public record TokenCacheKey(String tenant, String blueprint, String agentIdentity, Flow flow, String scopes, String user) {

    public TokenCacheKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(blueprint, "blueprint");
        Objects.requireNonNull(agentIdentity, "agentIdentity");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(user, "user");
    }

    public static TokenCacheKey of(String tenant, String blueprint, String agentIdentity, AgentTokenRequest request) {
        String user;
        switch (request.flow()) {
            case ON_BEHALF_OF:
                user = "obo:" + sha256(request.userAssertion());
                break;
            case AGENT_USER:
                user = request.agentUser().key();
                break;
            default:
                user = "";
        }
        return new TokenCacheKey(tenant.toLowerCase(java.util.Locale.ROOT), blueprint.toLowerCase(java.util.Locale.ROOT),
                agentIdentity.toLowerCase(java.util.Locale.ROOT), request.flow(),
                scopes(request.scopes()), user);
    }

    /** Sorted and space-joined; one scope (the usual {@code …/.default}) is itself, without a sort on every call. */
    private static String scopes(java.util.Set<String> scopes) {
        return scopes.size() == 1 ? scopes.iterator().next() : String.join(" ", new TreeSet<>(scopes));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
