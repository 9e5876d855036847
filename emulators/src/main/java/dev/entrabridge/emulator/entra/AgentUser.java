package dev.entrabridge.emulator.entra;

/**
 * An agent user: a user object an agent identity acts as (user_fic flow).
 *
 * @param objectId           the user's object id
 * @param userPrincipalName  its UPN
 * @param agentIdentityAppId the agent identity it is bound to
 */
public record AgentUser(String objectId, String userPrincipalName, String agentIdentityAppId) {
}
