package dev.entrabridge.emulator.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.http.SigningKey;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The metadata Entra publishes: instance discovery (MSAL's alias lookup), each tenant's v2 and v1
 * OpenID configuration and JWKS, and the user realm MSAL asks before a password grant. URLs in them
 * use the public host and, for a tenant found by domain, its GUID, as in production.
 */
final class MetadataDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALIASES = List.of("login.microsoftonline.com", "login.windows.net",
            "login.microsoft.com", "sts.windows.net");
    private static final List<String> MULTI_TENANT = List.of("common", "organizations", "consumers");
    /** {@code claims_supported} of a real tenant's v2 document. */
    private static final List<String> V2_CLAIMS = List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
            "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce",
            "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email");
    /** {@code claims_supported} of a real tenant's v1 document. */
    private static final List<String> V1_CLAIMS = List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
            "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "amr", "nonce", "email",
            "given_name", "family_name", "nickname");

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

    /**
     * {@code /{tenant}/v2.0/.well-known/openid-configuration} (v2) or {@code /{tenant}/.well-known/openid-configuration}
     * (v1: {@code oauth2/token}, {@code sts.windows.net} issuer, the common v1 key set).
     */
    EmulatorResponse openIdConfiguration(String tenantSegment, Clock clock, TokenFormat format) {
        Optional<Tenant> tenant = directory.find(tenantSegment);
        if (tenant.isEmpty() && !MULTI_TENANT.contains(tenantSegment)) {
            return EntraError.invalidRequest(90002, "Tenant '" + tenantSegment + "' not found. Check to make sure you"
                    + " have the correct tenant ID and are signing into the correct cloud.")
                    .toResponse(clock.instant(), UUID.randomUUID().toString());
        }
        // A tenant named by its domain is answered with its GUID, as Entra does.
        String segment = tenant.map(Tenant::id).orElse(tenantSegment);
        String base = EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + segment;
        boolean v2 = format == TokenFormat.V2;
        String oauth = base + (v2 ? "/oauth2/v2.0" : "/oauth2");
        ObjectNode body = JSON.createObjectNode();
        body.put("token_endpoint", oauth + "/token");
        body.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_post").add("private_key_jwt").add("client_secret_basic");
        body.put("jwks_uri", v2 ? base + "/discovery/v2.0/keys"
                : EntraEmulator.PUBLIC_AUTHORITY_HOST + "/common/discovery/keys");
        body.putArray("response_modes_supported").add("query").add("fragment").add("form_post");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        ArrayNode responseTypes = body.putArray("response_types_supported").add("code").add("id_token")
                .add("code id_token");
        if (v2) {
            responseTypes.add("id_token token");
            body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        } else {
            responseTypes.add("token id_token").add("token");
            body.putArray("scopes_supported").add("openid");
        }
        body.put("issuer", format.issuer(tenant.map(Tenant::id).orElse("{tenantid}")));
        if (!v2) {
            body.put("microsoft_multi_refresh_token", true);
        }
        body.put("request_uri_parameter_supported", false);
        body.put("userinfo_endpoint", v2 ? "https://graph.microsoft.com/oidc/userinfo" : base + "/openid/userinfo");
        body.put("authorization_endpoint", oauth + "/authorize");
        body.put("device_authorization_endpoint", oauth + "/devicecode");
        body.put("http_logout_supported", true);
        body.put("frontchannel_logout_supported", true);
        body.put("end_session_endpoint", oauth + "/logout");
        ArrayNode claims = body.putArray("claims_supported");
        (v2 ? V2_CLAIMS : V1_CLAIMS).forEach(claims::add);
        body.put("check_session_iframe", oauth + "/checksession");
        body.put("tenant_region_scope", "EU");
        body.put("cloud_instance_name", "microsoftonline.com");
        body.put("cloud_graph_host_name", "graph.windows.net");
        body.put("msgraph_host", "graph.microsoft.com");
        body.put("rbac_url", "https://pas.windows.net");
        body.put("kerberos_endpoint", base + "/kerberos");
        return EmulatorResponse.json(200, body.toString());
    }

    /**
     * One tenant's key, or every tenant's for the multi-tenant aliases (Entra's key set is shared), each with its
     * certificate ({@code x5t}, {@code x5c}) and, as Entra's keys have, the {@code issuer} it signs for.
     */
    EmulatorResponse keys(String tenantSegment, TokenFormat format) {
        Optional<Tenant> tenant = directory.find(tenantSegment);
        List<Tenant> tenants = tenant.map(List::of).orElseGet(() -> MULTI_TENANT.contains(tenantSegment)
                ? List.copyOf(directory.tenants()) : List.of());
        if (tenants.isEmpty()) {
            return EmulatorResponse.json(400, "{\"error\":\"invalid_tenant\",\"error_description\":\"AADSTS90002: Tenant '"
                    + tenantSegment.replace("\"", "") + "' not found.\"}");
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode keys = body.putArray("keys");
        for (Tenant t : tenants) {
            SigningKey key = t.signingKey();
            ObjectNode entry = JSON.valueToTree(key.publicJwkJson());
            entry.remove("alg");
            entry.put("issuer", format.issuer(tenant.isPresent() ? t.id() : "{tenantid}"));
            keys.add(entry);
        }
        return EmulatorResponse.json(200, body.toString());
    }

    /**
     * {@code GET /common/userrealm/{upn}?api-version=1.0}, which MSAL asks before a password grant: a user of a
     * tenant's verified domain is {@code Managed} (the password is checked by Entra), any other {@code Unknown}.
     */
    EmulatorResponse userRealm(String encodedUpn) {
        String upn = URLDecoder.decode(encodedUpn, StandardCharsets.UTF_8);
        int at = upn.lastIndexOf('@');
        String domain = at < 0 ? "" : upn.substring(at + 1);
        boolean known = !domain.isEmpty() && directory.find(domain).isPresent();
        ObjectNode body = JSON.createObjectNode();
        body.put("ver", "1.0");
        body.put("account_type", known ? "Managed" : "Unknown");
        if (known) {
            body.put("domain_name", domain.toLowerCase(java.util.Locale.ROOT));
        }
        body.put("cloud_instance_name", "microsoftonline.com");
        body.put("cloud_audience_urn", "urn:federation:MicrosoftOnline");
        return EmulatorResponse.json(200, body.toString());
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
