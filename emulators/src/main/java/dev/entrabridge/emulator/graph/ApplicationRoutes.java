package dev.entrabridge.emulator.graph;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /applications/{objectId}[/microsoft.graph.agentIdentityBlueprint][/federatedIdentityCredentials[/{id|name}]]}:
 * what the health check reads to compare a blueprint's FICs with the assertion it presents; and
 * {@code POST …/federatedIdentityCredentials} (201), which creates one under {@link FederatedCredentialRules}.
 */
final class ApplicationRoutes {

    static final Set<String> APPLICATION_READ = Set.of("Application.Read.All", "Application.ReadWrite.All",
            "Directory.Read.All", "AgentIdentityBlueprint.Read.All", "AgentIdentityBlueprint.ReadWrite.All");
    /** Creating credentials: on a blueprint the agent identity permissions, on any application Application.ReadWrite. */
    static final Set<String> BLUEPRINT_CREDENTIAL_WRITE = Set.of("AgentIdentityBlueprint.AddRemoveCreds.All",
            "AgentIdentityBlueprint.ReadWrite.All", "Application.ReadWrite.All");
    static final Set<String> APPLICATION_CREDENTIAL_WRITE = Set.of("Application.ReadWrite.All",
            "Application.ReadWrite.OwnedBy");
    private static final String BLUEPRINT_CAST = "microsoft.graph.agentIdentityBlueprint";
    private static final String CREDENTIALS = "federatedIdentityCredentials";

    private ApplicationRoutes() {
    }

    static EmulatorResponse handle(RecordedRequest r, String version, String objectId, List<String> rest,
                                   GraphCaller caller, GraphApplications applications, GraphResponses responses) {
        boolean write = r.method().equals("POST");
        if (!write) {
            GraphResponses.requireMethod(r, "GET");
        }
        Map<String, Object> app = applications.application(objectId).orElseThrow(() -> GraphError.notFound(objectId));
        boolean blueprint = SeededApplications.BLUEPRINT_TYPE.equals(app.get("@odata.type"));
        List<String> tail = rest;
        if (!tail.isEmpty() && tail.get(0).equals(BLUEPRINT_CAST)) {
            // The cast only resolves for objects that are blueprints, as on Graph.
            if (!blueprint) {
                throw GraphError.notFound(objectId);
            }
            tail = tail.subList(1, tail.size());
        }
        String context = "applications('" + objectId + "')/" + CREDENTIALS;
        if (write) {
            if (tail.size() != 1 || !tail.get(0).equals(CREDENTIALS)) {
                GraphResponses.requireMethod(r, "GET");
            }
            caller.require(blueprint ? BLUEPRINT_CREDENTIAL_WRITE : APPLICATION_CREDENTIAL_WRITE);
            Map<String, Object> created;
            synchronized (applications) {
                FederatedCredentialRules.Accepted fic = FederatedCredentialRules.check(r.body(),
                        applications.federatedIdentityCredentials(objectId));
                created = applications.addFederatedIdentityCredential(objectId, fic.name(), fic.issuer(), fic.subject(),
                        fic.audiences());
            }
            EmulatorResponse ok = responses.entity(version, context + "/$entity", created);
            return new EmulatorResponse(201, ok.headers(), ok.body());
        }
        caller.require(APPLICATION_READ);
        if (tail.isEmpty()) {
            return responses.entity(version, "applications/$entity", app);
        }
        if (tail.get(0).equals(CREDENTIALS) && tail.size() == 1) {
            return responses.collection(version, context, applications.federatedIdentityCredentials(objectId), null);
        }
        if (tail.get(0).equals(CREDENTIALS) && tail.size() == 2) {
            // One credential, addressed by its id or by its name.
            String key = tail.get(1);
            return applications.federatedIdentityCredentials(objectId).stream()
                    .filter(f -> key.equals(f.get("id")) || key.equals(f.get("name"))).findFirst()
                    .map(f -> responses.entity(version, context + "/$entity", f))
                    .orElseThrow(() -> GraphError.notFound(key));
        }
        throw GraphResponses.unknownSegment(tail.get(0));
    }
}
