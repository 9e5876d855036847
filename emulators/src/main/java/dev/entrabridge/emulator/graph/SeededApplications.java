package dev.entrabridge.emulator.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory {@link GraphApplications} that tests fill with {@link #add} and {@link #addFederatedIdentityCredential}. */
public final class SeededApplications implements GraphApplications {

    static final String BLUEPRINT_TYPE = "#microsoft.graph.agentIdentityBlueprint";

    private final Map<String, Map<String, Object>> applications = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> credentials = new ConcurrentHashMap<>();

    /** Adds an application object; {@code id} is set to {@code objectId}. */
    public SeededApplications add(String objectId, Map<String, Object> properties) {
        Map<String, Object> app = new LinkedHashMap<>(properties);
        app.put("id", objectId);
        applications.put(objectId, app);
        return this;
    }

    /** Adds an agent identity blueprint with this appId and display name. */
    public SeededApplications addBlueprint(String objectId, String appId, String displayName) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("@odata.type", BLUEPRINT_TYPE);
        app.put("appId", appId);
        app.put("displayName", displayName);
        app.put("passwordCredentials", List.of());
        app.put("keyCredentials", List.of());
        return add(objectId, app);
    }

    /** Adds a FIC {@code {id, name, issuer, subject, audiences:[audience]}} to the application. */
    public SeededApplications addFederatedIdentityCredential(String objectId, String name, String issuer, String subject,
                                                             String audience) {
        addFederatedIdentityCredential(objectId, name, issuer, subject, List.of(audience));
        return this;
    }

    @Override
    public Map<String, Object> addFederatedIdentityCredential(String objectId, String name, String issuer, String subject,
                                                              List<String> audiences) {
        Map<String, Object> fic = new LinkedHashMap<>();
        fic.put("id", UUID.randomUUID().toString());
        fic.put("name", name);
        fic.put("issuer", issuer);
        fic.put("subject", subject);
        fic.put("description", null);
        fic.put("audiences", List.copyOf(audiences));
        credentials.computeIfAbsent(objectId, k -> new CopyOnWriteArrayList<>()).add(fic);
        return fic;
    }

    @Override
    public Optional<Map<String, Object>> application(String objectId) {
        return Optional.ofNullable(applications.get(objectId));
    }

    @Override
    public List<Map<String, Object>> federatedIdentityCredentials(String objectId) {
        return List.copyOf(credentials.getOrDefault(objectId, List.of()));
    }

    @Override
    public Optional<String> objectIdOfAppId(String appId) {
        return applications.entrySet().stream().filter(e -> appId.equals(e.getValue().get("appId")))
                .map(Map.Entry::getKey).findFirst();
    }
}
