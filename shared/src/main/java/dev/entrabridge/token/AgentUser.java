package dev.entrabridge.token;

import java.util.Objects;
import java.util.UUID;

/**
 * The agent user an {@link Flow#AGENT_USER} token is for: by object id (preferred by Entra) or UPN,
 * exactly one of them.
 *
 * @param objectId the agent user's object id, or {@code null}
 * @param username the agent user's UPN, or {@code null}
 */
public record AgentUser(UUID objectId, String username) {

    public AgentUser {
        if ((objectId == null) == (username == null || username.isBlank())) {
            throw new IllegalArgumentException("an agent user is named by exactly one of object id or username");
        }
    }

    public static AgentUser byObjectId(UUID objectId) {
        return new AgentUser(Objects.requireNonNull(objectId), null);
    }

    public static AgentUser byUsername(String username) {
        return new AgentUser(null, username);
    }

    /** The cache-key form: {@code oid:<uuid>} or {@code upn:<lower-cased upn>}. */
    public String key() {
        return objectId != null ? "oid:" + objectId : "upn:" + username.toLowerCase(java.util.Locale.ROOT);
    }
}
