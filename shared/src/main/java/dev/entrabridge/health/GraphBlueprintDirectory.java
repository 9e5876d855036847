package dev.entrabridge.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.AgentTokenException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the blueprint's application object and federated identity credentials from Microsoft
 * Graph with the blueprint's own app-only Graph token: {@code GET /beta/applications(appId='…')}
 * and {@code GET /beta/applications/{id}/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials}.
 */
final class GraphBlueprintDirectory implements BlueprintDirectory {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BYTES = 1 << 20;

    private final HttpClient http;
    private final URI graphBase;
    private final String blueprintAppId;
    private final Supplier<String> graphToken;
    private final Duration timeout;

    /**
     * @param http           the outbound transport (same trust and routing as the rest of the bridge)
     * @param graphBase      e.g. {@code https://graph.microsoft.com}
     * @param blueprintAppId the blueprint's appId
     * @param graphToken     an app-only Graph token of the blueprint (throws {@link AgentTokenException})
     */
    GraphBlueprintDirectory(HttpClient http, URI graphBase, String blueprintAppId, Supplier<String> graphToken,
                                   Duration timeout) {
        this.http = http;
        this.graphBase = graphBase;
        this.blueprintAppId = blueprintAppId;
        this.graphToken = graphToken;
        this.timeout = timeout;
    }

    @Override
    public List<FederatedCredential> federatedCredentials() throws DirectoryAccessException {
        String id = application().path("id").asText();
        JsonNode list = get("/beta/applications/" + encode(id)
                + "/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials");
        List<FederatedCredential> out = new ArrayList<>();
        for (JsonNode fic : list.path("value")) {
            List<String> audiences = new ArrayList<>();
            fic.path("audiences").forEach(a -> audiences.add(a.asText()));
            out.add(new FederatedCredential(fic.path("name").asText(), fic.path("issuer").asText(),
                    fic.path("subject").asText(), audiences));
        }
        return out;
    }

    @Override
    public List<CredentialExpiry> credentials() throws DirectoryAccessException {
        JsonNode app = application();
        List<CredentialExpiry> out = new ArrayList<>();
        addAll(out, "password", app.path("passwordCredentials"));
        addAll(out, "key", app.path("keyCredentials"));
        return out;
    }

    private static void addAll(List<CredentialExpiry> out, String kind, JsonNode credentials) {
        for (JsonNode c : credentials) {
            String end = c.path("endDateTime").asText(null);
            if (end == null) {
                continue;
            }
            try {
                String name = c.path("displayName").asText(c.path("keyId").asText(null));
                out.add(new CredentialExpiry(kind, name, Instant.parse(end)));
            } catch (DateTimeParseException e) {
                // A credential whose end date Graph cannot express is not one this check can judge.
            }
        }
    }

    /** Fetched afresh on every call: a long-lived directory must never report yesterday's credentials. */
    private JsonNode application() throws DirectoryAccessException {
        return get("/beta/applications(appId='" + encode(blueprintAppId) + "')");
    }

    private JsonNode get(String path) throws DirectoryAccessException {
        String token;
        try {
            token = graphToken.get();
        } catch (AgentTokenException e) {
            throw new DirectoryAccessException("no Graph token for the blueprint: " + e.diagnosis().code(),
                    e.diagnosis().category() == dev.entrabridge.token.Diagnosis.Category.PERMISSION, e.diagnosis());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(stripSlash(graphBase.toString()) + path))
                .timeout(timeout).header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new DirectoryAccessException("HTTP " + response.statusCode() + " " + graphError(response.body()),
                        true);
            }
            if (response.statusCode() != 200) {
                throw new DirectoryAccessException("HTTP " + response.statusCode() + " " + graphError(response.body()),
                        false);
            }
            if (response.body().length > MAX_BYTES) {
                throw new DirectoryAccessException("Graph response larger than " + MAX_BYTES + " bytes", false);
            }
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new DirectoryAccessException(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryAccessException("interrupted", false);
        }
    }

    private static String graphError(byte[] body) {
        try {
            return MAPPER.readTree(body).path("error").path("code").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
