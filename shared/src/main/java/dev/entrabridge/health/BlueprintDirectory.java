package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the blueprint's application object (through Microsoft Graph in production):
 * its federated identity credentials and its password/key credentials' end dates.
 */
interface BlueprintDirectory {

    /** The blueprint's federated identity credentials. */
    List<FederatedCredential> federatedCredentials() throws DirectoryAccessException;

    /** The blueprint's password and key credentials with their end dates. */
    List<CredentialExpiry> credentials() throws DirectoryAccessException;

    /** Reading the blueprint failed; {@link #permissionMissing()} tells a missing grant from an outage. */
    final class DirectoryAccessException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean permissionMissing;
        private final transient Diagnosis tokenFailure;

        public DirectoryAccessException(String message, boolean permissionMissing) {
            this(message, permissionMissing, null);
        }

        /** @param tokenFailure why the blueprint could not get a Graph token at all, if that was the cause */
        public DirectoryAccessException(String message, boolean permissionMissing, Diagnosis tokenFailure) {
            super(message);
            this.permissionMissing = permissionMissing;
            this.tokenFailure = tokenFailure;
        }

        public boolean permissionMissing() {
            return permissionMissing;
        }

        /** Present when the blueprint itself could not authenticate (e.g. its FIC does not match). */
        public Optional<Diagnosis> tokenFailure() {
            return Optional.ofNullable(tokenFailure);
        }
    }
}
