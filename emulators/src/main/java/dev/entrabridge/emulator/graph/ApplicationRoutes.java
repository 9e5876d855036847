package dev.entrabridge.emulator.graph;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /applications/{objectId}[/microsoft.graph.agentIdentityBlueprint][/federatedIdentityCredentials]}:
 * what the health check reads to compare a blueprint's FICs with the assertion it presents.
 */
final class ApplicationRoutes {

    static final Set<String> APPLICATION_READ = Set.of("Application.Read.All", "Application.ReadWrite.All",
            "Directory.Read.All", "AgentIdentityBlueprint.Read.All", "AgentIdentityBlueprint.ReadWrite.All");
    private static final String BLUEPRINT_CAST = "microsoft.graph.agentIdentityBlueprint";

    private ApplicationRoutes() {
    }

    static EmulatorResponse handle(RecordedRequest r, String version, String objectId, List<String> rest,
                                   GraphCaller caller, GraphApplications applications, GraphResponses responses) {
        GraphResponses.requireMethod(r, "GET");
        caller.require(APPLICATION_READ);
        Map<String, Object> app = applications.application(objectId).orElseThrow(() -> GraphError.notFound(objectId));
        List<String> tail = rest;
        if (!tail.isEmpty() && tail.get(0).equals(BLUEPRINT_CAST)) {
            // The cast only resolves for objects that are blueprints, as on Graph.
            if (!SeededApplications.BLUEPRINT_TYPE.equals(app.get("@odata.type"))) {
                throw GraphError.notFound(objectId);
            }
            tail = tail.subList(1, tail.size());
        }
        if (tail.isEmpty()) {
            return responses.entity(version, "applications/$entity", app);
        }
        if (tail.size() == 1 && tail.get(0).equals("federatedIdentityCredentials")) {
            return responses.collection(version, "applications('" + objectId + "')/federatedIdentityCredentials",
                    applications.federatedIdentityCredentials(objectId), null);
        }
        throw GraphResponses.unknownSegment(tail.get(0));
    }
}
