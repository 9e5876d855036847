package dev.entrabridge.emulator.entra;

/**
 * A plain (human) user of a tenant.
 *
 * @param objectId          the user's object id
 * @param userPrincipalName its UPN
 */
public record DirectoryUser(String objectId, String userPrincipalName) {
}
