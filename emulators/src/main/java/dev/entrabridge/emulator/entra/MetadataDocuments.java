package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.http.SigningKey;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The metadata Entra publishes: instance discovery (MSAL's alias lookup), each tenant's OpenID
 * configuration and its JWKS. URLs in them use the public host, as in production.
 */
final class MetadataDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALIASES = List.of("login.microsoftonline.com", "login.windows.net",
            "login.microsoft.com", "sts.windows.net");
    private static final List<String> MULTI_TENANT = List.of("common", "organizations", "consumers");

    private final Directory directory;

    MetadataDocuments(Directory directory) {
        this.directory = directory;
    }

    EmulatorResponse instanceDiscovery(RecordedRequest request) {
        String tenant = request.queryParam("authorization_endpoint").map(MetadataDocuments::tenantOf).orElse("common");
        ObjectNode body = JSON.createObjectNode();
        body.put("tenant_discovery_endpoint",
                EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + tenant + "/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        ArrayNode metadata = body.putArray("metadata");
        ObjectNode entry = metadata.addObject();
        entry.put("preferred_network", "login.microsoftonline.com");
        entry.put("preferred_cache", "login.windows.net");
        ALIASES.forEach(entry.putArray("aliases")::add);
        return EmulatorResponse.json(200, body.toString());
    }

    EmulatorResponse openIdConfiguration(String tenantSegment, Clock clock) {
        Optional<Tenant> tenant = directory.find(tenantSegment);
        if (tenant.isEmpty() && !MULTI_TENANT.contains(tenantSegment)) {
            return EntraError.invalidRequest(90002, "Tenant '" + tenantSegment + "' not found. Check to make sure you"
                    + " have the correct tenant ID and are signing into the correct cloud.")
                    .toResponse(clock.instant(), UUID.randomUUID().toString());
        }
        String base = EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + tenantSegment;
        ObjectNode body = JSON.createObjectNode();
        body.put("token_endpoint", base + "/oauth2/v2.0/token");
        body.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        body.put("jwks_uri", base + "/discovery/v2.0/keys");
        body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("response_types_supported").add("code").add("id_token").add("code id_token")
                .add("id_token token");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        body.put("issuer", EntraEmulator.PUBLIC_AUTHORITY_HOST + "/"
                + tenant.map(Tenant::id).orElse("{tenantid}") + "/v2.0");
        body.put("request_uri_parameter_supported", false);
        body.put("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
        body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        body.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        body.put("http_logout_supported", true);
        body.put("frontchannel_logout_supported", true);
        body.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        body.put("tenant_region_scope", "EU");
        body.put("cloud_instance_name", "microsoftonline.com");
        body.put("cloud_graph_host_name", "graph.windows.net");
        body.put("msgraph_host", "graph.microsoft.com");
        return EmulatorResponse.json(200, body.toString());
    }

    /** One tenant's key, or every tenant's for the multi-tenant aliases (Entra's key set is shared). */
    EmulatorResponse keys(String tenantSegment) {
        List<SigningKey> keys = directory.find(tenantSegment).map(t -> List.of(t.signingKey()))
                .orElseGet(() -> MULTI_TENANT.contains(tenantSegment)
                        ? directory.tenants().stream().map(Tenant::signingKey).toList() : List.of());
        if (keys.isEmpty()) {
            return EmulatorResponse.json(400, "{\"error\":\"invalid_tenant\",\"error_description\":\"AADSTS90002: Tenant '"
                    + tenantSegment.replace("\"", "") + "' not found.\"}");
        }
        return EmulatorResponse.json(200, SigningKey.jwks(keys.toArray(SigningKey[]::new)));
    }

    private static String tenantOf(String authorizationEndpoint) {
        try {
            String path = URI.create(authorizationEndpoint).getPath();
            String first = path.replaceFirst("^/", "").split("/")[0];
            return first.isEmpty() ? "common" : first;
        } catch (IllegalArgumentException e) {
            return "common";
        }
    }
}
