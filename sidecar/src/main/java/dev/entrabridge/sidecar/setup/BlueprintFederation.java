package dev.entrabridge.sidecar.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The blueprint's federated identity credentials through Microsoft Graph's beta agent identity blueprint
 * endpoints: {@code GET /beta/applications(appId='…')} for its object id, {@code GET} and {@code POST}
 * {@code /beta/applications/{id}/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials}.
 * Each request is built once, so what a dry run prints is what an apply sends.
 */
final class BlueprintFederation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 1 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http;
    private final URI graph;
    private final Supplier<String> token;

    /**
     * @param graph Graph's origin, e.g. {@code https://graph.microsoft.com}
     * @param token the bearer token (read when a request is sent, never kept in a printed form)
     */
    BlueprintFederation(HttpClient http, URI graph, Supplier<String> token) {
        this.http = http;
        this.graph = URI.create(graph.toString().replaceAll("/+$", ""));
        this.token = token;
    }

    GraphRequest findBlueprint(String appId) {
        return get("/beta/applications(appId='" + encode(appId) + "')?$select=id,appId,displayName");
    }

    GraphRequest listCredentials(String objectId) {
        return get(credentialsPath(objectId));
    }

    GraphRequest createCredential(String objectId, DesiredCredential d) {
        ObjectNode body = JSON.createObjectNode().put("name", d.name()).put("issuer", d.issuer()).put("subject", d.subject());
        body.putArray("audiences").add(d.audience());
        return new GraphRequest("POST", URI.create(graph + credentialsPath(objectId)), Optional.of(body.toString()));
    }

    /** The blueprint's object id; refuses an application that is not an agent identity blueprint. */
    String blueprintObjectId(String appId) throws GraphCallFailed {
        JsonNode app = send(findBlueprint(appId), 200);
        String id = app.path("id").asText("");
        if (id.isEmpty()) {
            throw new GraphCallFailed("Graph answered no object id for application " + appId);
        }
        // The blueprint cast resolves only on blueprints: a plain app registration fails here, not with a write later.
        send(listCredentials(id), 200);
        return id;
    }

    List<ExistingCredential> credentials(String objectId) throws GraphCallFailed {
        List<ExistingCredential> out = new ArrayList<>();
        for (JsonNode f : send(listCredentials(objectId), 200).path("value")) {
            List<String> audiences = new ArrayList<>();
            f.path("audiences").forEach(a -> audiences.add(a.asText()));
            out.add(new ExistingCredential(f.path("id").asText(), f.path("name").asText(), f.path("issuer").asText(),
                    f.path("subject").asText(), audiences));
        }
        return out;
    }

    void create(GraphRequest request) throws GraphCallFailed {
        send(request, 201);
    }

    private GraphRequest get(String pathAndQuery) {
        return new GraphRequest("GET", URI.create(graph + pathAndQuery), Optional.empty());
    }

    private static String credentialsPath(String objectId) {
        return "/beta/applications/" + encode(objectId) + "/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials";
    }

    private JsonNode send(GraphRequest r, int expected) throws GraphCallFailed {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.get()).header("Accept", "application/json");
        r.jsonBody().ifPresentOrElse(
                body -> b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
                b::GET);
        HttpResponse<byte[]> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new GraphCallFailed(r.method() + " " + r.uri() + " failed: " + e.getClass().getSimpleName() + " "
                    + e.getMessage() + " (check the Graph URL and the network)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphCallFailed(r.method() + " " + r.uri() + " was interrupted");
        }
        if (response.body().length > MAX_BYTES) {
            throw new GraphCallFailed(r.method() + " " + r.uri() + " answered more than " + MAX_BYTES + " bytes");
        }
        if (response.statusCode() != expected) {
            throw new GraphCallFailed(r.method() + " " + r.uri() + " answered HTTP " + response.statusCode() + " "
                    + GraphErrors.describe(response.statusCode(), response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GraphCallFailed(r.method() + " " + r.uri() + " answered a body that is not JSON");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
