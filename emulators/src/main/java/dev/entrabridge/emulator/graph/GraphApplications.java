package dev.entrabridge.emulator.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Graph emulator reads application objects and their federated identity credentials
 * from. The Entra emulator's directory can back it through an adapter; {@link SeededApplications}
 * is a standalone store for tests. Blueprints carry {@code "@odata.type":"#microsoft.graph.agentIdentityBlueprint"}.
 */
public interface GraphApplications {

    /** The application object (Graph JSON properties) with this object id. */
    Optional<Map<String, Object>> application(String objectId);

    /** Its federated identity credentials ({@code id, name, issuer, subject, audiences}); empty when none. */
    List<Map<String, Object>> federatedIdentityCredentials(String objectId);

    /** The object id of the application with this appId (Graph's {@code applications(appId='…')} alternate key). */
    Optional<String> objectIdOfAppId(String appId);

    /**
     * Stores a federated identity credential that {@link FederatedCredentialRules} has accepted and returns it
     * as Graph lists it. Called with the store locked against concurrent writes to the same application, so the
     * rules' view of the existing credentials is still the store's.
     */
    Map<String, Object> addFederatedIdentityCredential(String objectId, String name, String issuer, String subject,
                                                       List<String> audiences);
}
