package dev.entrabridge.emulator.identity;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Azure managed identity on loopback, both protocols on one HTTP server: the App Service / Functions
 * endpoint ({@code IDENTITY_ENDPOINT} + {@code X-IDENTITY-HEADER}, api-version 2019-08-01) and the VM
 * Instance Metadata Service ({@code /metadata/identity/oauth2/token}, {@code Metadata: true},
 * api-version 2018-02-01). Tokens come from a pluggable {@link ManagedIdentityTokenMinter}.
 */
public final class ManagedIdentityEmulator implements AutoCloseable {

    static final String APP_SERVICE_PATH = "/msi/token";
    static final String IMDS_PATH = "/metadata/identity/oauth2/token";
    static final String APP_SERVICE_API_VERSION = "2019-08-01";
    static final String IMDS_API_VERSION = "2018-02-01";

    private final Clock clock;
    private final ManagedIdentityTokenMinter minter;
    private final EmulatorServer server;
    private final String identityHeader = UUID.randomUUID().toString();
    private final List<ManagedIdentity> userAssigned = new CopyOnWriteArrayList<>();
    private volatile ManagedIdentity systemAssigned;

    private ManagedIdentityEmulator(ManagedIdentityTokenMinter minter, Clock clock) {
        this.minter = minter;
        this.clock = clock;
        this.server = EmulatorServer.http("managed-identity", clock)
                .route(APP_SERVICE_PATH, this::appService)
                .route(IMDS_PATH, this::imds)
                .start();
    }

    public static ManagedIdentityEmulator start(ManagedIdentityTokenMinter minter, Clock clock) {
        return new ManagedIdentityEmulator(minter, clock);
    }

    /** Attaches a user-assigned identity (selected by client_id, object/principal id or resource id). */
    public ManagedIdentityEmulator addUserAssigned(ManagedIdentity identity) {
        userAssigned.add(identity);
        return this;
    }

    /** Enables the system-assigned identity (used when the caller names none). */
    public ManagedIdentityEmulator systemAssigned(ManagedIdentity identity) {
        this.systemAssigned = identity;
        return this;
    }

    /** The value of {@code IDENTITY_ENDPOINT} for the App Service protocol. */
    public URI identityEndpoint() {
        return URI.create(server.baseUrl() + APP_SERVICE_PATH);
    }

    /** The value of {@code IDENTITY_HEADER}, which callers must echo in {@code X-IDENTITY-HEADER}. */
    public String identityHeader() {
        return identityHeader;
    }

    /** Where {@code http://169.254.169.254} is emulated (same host, IMDS path). */
    public URI imdsBaseUrl() {
        return server.baseUrl();
    }

    public URI imdsTokenEndpoint() {
        return URI.create(server.baseUrl() + IMDS_PATH);
    }

    public Faults faults() {
        return server.faults();
    }

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    @Override
    public void close() {
        server.close();
    }

    private EmulatorResponse appService(RecordedRequest request) {
        String correlationId = UUID.randomUUID().toString();
        if (!"GET".equals(request.method())) {
            return appServiceError(405, "The requested resource does not support http method '"
                    + request.method() + "'.", correlationId);
        }
        if (!identityHeader.equals(request.header("x-identity-header").orElse(null))) {
            return appServiceError(401, "The X-IDENTITY-HEADER header is missing or does not match the "
                    + "IDENTITY_HEADER value of this app.", correlationId);
        }
        if (!APP_SERVICE_API_VERSION.equals(request.queryParam("api-version").orElse(null))) {
            return appServiceError(400, "The api-version '" + request.queryParam("api-version").orElse("")
                    + "' is not supported. Use " + APP_SERVICE_API_VERSION + ".", correlationId);
        }
        String resource = request.queryParam("resource").orElse("");
        if (resource.isEmpty()) {
            return appServiceError(400, "The resource parameter is required.", correlationId);
        }
        Optional<ManagedIdentity> identity = select(request, "mi_res_id");
        if (identity.isEmpty()) {
            return appServiceError(400, "Unable to load the proper Managed Identity.", correlationId);
        }
        MintedToken token = minter.mint(resource, identity.get());
        return EmulatorResponse.json(200, "{\"access_token\":\"" + token.accessToken() + "\","
                + "\"expires_on\":\"" + token.expiresOn().getEpochSecond() + "\","
                + "\"resource\":\"" + json(resource) + "\","
                + "\"token_type\":\"Bearer\","
                + "\"client_id\":\"" + identity.get().clientId() + "\"}");
    }

    private EmulatorResponse imds(RecordedRequest request) {
        if (!"GET".equals(request.method())) {
            return imdsError(405, "invalid_request", "The request method is not supported; use GET.");
        }
        if (!"true".equals(request.header("metadata").orElse(null))) {
            return imdsError(400, "invalid_request", "Required metadata header not specified");
        }
        if (request.header("x-forwarded-for").isPresent()) {
            return imdsError(400, "invalid_request", "Requests with an X-Forwarded-For header are rejected");
        }
        String apiVersion = request.queryParam("api-version").orElse("");
        if (apiVersion.isEmpty()) {
            return imdsError(400, "invalid_request", "Required query variable 'api-version' is missing");
        }
        if (apiVersion.compareTo(IMDS_API_VERSION) < 0 || !apiVersion.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return imdsError(400, "invalid_request", "Invalid api-version '" + apiVersion + "'; use "
                    + IMDS_API_VERSION + " or later");
        }
        String resource = request.queryParam("resource").orElse("");
        if (resource.isEmpty()) {
            return imdsError(400, "invalid_request", "Required query variable 'resource' is missing");
        }
        Optional<ManagedIdentity> identity = select(request, "msi_res_id");
        if (identity.isEmpty()) {
            return imdsError(400, "invalid_request", "Identity not found");
        }
        MintedToken token = minter.mint(resource, identity.get());
        long now = clock.instant().getEpochSecond();
        long expiresOn = token.expiresOn().getEpochSecond();
        return EmulatorResponse.json(200, "{\"access_token\":\"" + token.accessToken() + "\","
                + "\"refresh_token\":\"\","
                + "\"expires_in\":\"" + Math.max(0, expiresOn - now) + "\","
                + "\"expires_on\":\"" + expiresOn + "\","
                + "\"ext_expires_in\":\"" + Math.max(0, expiresOn - now) + "\","
                + "\"not_before\":\"" + now + "\","
                + "\"resource\":\"" + json(resource) + "\","
                + "\"token_type\":\"Bearer\","
                + "\"client_id\":\"" + identity.get().clientId() + "\"}");
    }

    /** The identity the query names (client_id, object_id/principal_id, resource id), else system-assigned. */
    private Optional<ManagedIdentity> select(RecordedRequest request, String resourceIdParam) {
        Map<String, List<String>> query = request.query();
        for (String param : List.of("client_id", "object_id", "principal_id", resourceIdParam)) {
            List<String> values = query.get(param);
            if (values != null && !values.isEmpty()) {
                String id = values.get(0);
                return userAssigned.stream().filter(i -> i.matches(id)).findFirst()
                        .or(() -> Optional.ofNullable(systemAssigned).filter(i -> i.matches(id)));
            }
        }
        return Optional.ofNullable(systemAssigned);
    }

    private static EmulatorResponse appServiceError(int status, String message, String correlationId) {
        return EmulatorResponse.json(status, "{\"statusCode\":" + status + ",\"message\":\"" + json(message)
                + "\",\"correlationId\":\"" + correlationId + "\"}").withHeader("X-CORRELATION-ID", correlationId);
    }

    private static EmulatorResponse imdsError(int status, String error, String description) {
        return EmulatorResponse.json(status, "{\"error\":\"" + error + "\",\"error_description\":\""
                + json(description) + "\"}");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
