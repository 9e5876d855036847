package dev.entrabridge.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An access token issued to an agent identity. {@link #toString()} never shows the token.
 *
 * @param accessToken   the bearer token the caller asked for
 * @param expiresOn     when Entra says it expires
 * @param refreshOn     when to refresh proactively ({@code refresh_in}, else 5 minutes before expiry)
 * @param scopes        the scopes it was requested for
 * @param flow          the flow that produced it
 * @param agentName     the configured agent name
 * @param agentIdentity the agent identity appId ({@code azp} of the token)
 */
public record AgentToken(String accessToken, Instant expiresOn, Instant refreshOn, Set<String> scopes,
                         Flow flow, String agentName, String agentIdentity) {

    public AgentToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(refreshOn, "refreshOn");
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "AgentToken[accessToken=<redacted>, expiresOn=" + expiresOn + ", refreshOn=" + refreshOn
                + ", scopes=" + scopes + ", flow=" + flow + ", agentName=" + agentName
                + ", agentIdentity=" + agentIdentity + "]";
    }
}
