package dev.entrabridge.health;

import java.util.List;

/**
 * Read access to the blueprint's application object (through Microsoft Graph in production):
 * its federated identity credentials and its password/key credentials' end dates.
 */
public interface BlueprintDirectory {

    /** The blueprint's federated identity credentials. */
    List<FederatedCredential> federatedCredentials() throws DirectoryAccessException;

    /** The blueprint's password and key credentials with their end dates. */
    List<CredentialExpiry> credentials() throws DirectoryAccessException;

    /** Reading the blueprint failed; {@link #permissionMissing()} tells a missing grant from an outage. */
    final class DirectoryAccessException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean permissionMissing;

        public DirectoryAccessException(String message, boolean permissionMissing) {
            super(message);
            this.permissionMissing = permissionMissing;
        }

        public boolean permissionMissing() {
            return permissionMissing;
        }
    }
}
