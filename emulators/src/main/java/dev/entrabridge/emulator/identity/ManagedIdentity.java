package dev.entrabridge.emulator.identity;

import java.util.Objects;

/**
 * A managed identity attached to the emulated compute resource: the ids a caller may select it
 * by, and the service principal (object) id tokens are issued for.
 *
 * @param clientId    the identity's application (client) id
 * @param principalId the service principal's object id ({@code oid} of its tokens)
 * @param resourceId  the ARM resource id of a user-assigned identity (null for system-assigned)
 */
public record ManagedIdentity(String clientId, String principalId, String resourceId) {

    public ManagedIdentity {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(principalId, "principalId");
    }

    /** A user-assigned identity with a resource id derived from its name. */
    public static ManagedIdentity userAssigned(String clientId, String principalId, String name) {
        return new ManagedIdentity(clientId, principalId, "/subscriptions/00000000-0000-0000-0000-000000000000"
                + "/resourceGroups/emulated/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name);
    }

    public static ManagedIdentity systemAssigned(String clientId, String principalId) {
        return new ManagedIdentity(clientId, principalId, null);
    }

    /** True when {@code id} names this identity by client id, principal (object) id or resource id. */
    boolean matches(String id) {
        return clientId.equalsIgnoreCase(id) || principalId.equalsIgnoreCase(id)
                || (resourceId != null && resourceId.equalsIgnoreCase(id));
    }
}
