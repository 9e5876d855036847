package dev.entrabridge.emulator.gcp;

import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.http.Route;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GCE metadata server on loopback: the default service account's identity endpoint (ID tokens
 * for any audience, minted by an embedded {@link OidcIssuerEmulator} standing in for
 * {@code https://accounts.google.com}) and the few instance/project values platform detection reads.
 * Like the real server it insists on {@code Metadata-Flavor: Google} and echoes it on every response.
 */
public final class GcpMetadataEmulator implements AutoCloseable {

    static final String FLAVOR = "Metadata-Flavor";
    private static final String PREFIX = "/computeMetadata/v1";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final GceInstance instance;
    private final Clock clock;
    private final OidcIssuerEmulator issuer;
    private final EmulatorServer server;

    private GcpMetadataEmulator(GceInstance instance, Clock clock) {
        this.instance = instance;
        this.clock = clock;
        this.issuer = OidcIssuerEmulator.start("accounts-google", clock);
        this.server = EmulatorServer.http("gcp-metadata", clock);
        server.route("/", this::root);
        // The instance directory: gcp-metadata's isAvailable() asks GET /computeMetadata/v1/instance.
        metadata(PREFIX + "/instance", this::instanceDirectory);
        metadata(PREFIX + "/instance/service-accounts/default/identity", this::identity);
        metadata(PREFIX + "/instance/service-accounts/default/email", r -> text(instance.serviceAccountEmail()));
        metadata(PREFIX + "/instance/id", r -> text(instance.instanceId()));
        metadata(PREFIX + "/instance/name", r -> text(instance.instanceName()));
        metadata(PREFIX + "/instance/zone", r -> text("projects/" + instance.projectNumber() + "/zones/"
                + instance.zone()));
        metadata(PREFIX + "/project/project-id", r -> text(instance.projectId()));
        metadata(PREFIX + "/project/numeric-project-id", r -> text(instance.projectNumber()));
        server.start();
    }

    public static GcpMetadataEmulator start(GceInstance instance, Clock clock) {
        return new GcpMetadataEmulator(instance, clock);
    }

    /** What a client uses as the metadata host ({@code GCE_METADATA_HOST}-style), e.g. {@code http://127.0.0.1:4711}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** {@code host:port} without scheme, as {@code GCE_METADATA_HOST} is written. */
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    /** The {@code iss} of ID tokens (stands in for {@code https://accounts.google.com}). */
    public String issuer() {
        return issuer.issuer();
    }

    public URI jwksUri() {
        return issuer.jwksUri();
    }

    /** The {@code sub} of ID tokens: the service account's numeric unique id. */
    public String serviceAccountUniqueId() {
        return instance.serviceAccountUniqueId();
    }

    public GceInstance instance() {
        return instance;
    }

    public void rotateKey(boolean dropOld) {
        issuer.rotateKey(dropOld);
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
        issuer.close();
    }

    private void metadata(String path, Route route) {
        server.route(path, request -> {
            if (!request.path().equals(path) && !request.path().equals(path + "/")) {
                return notFound(request);
            }
            if (!"Google".equals(request.header(FLAVOR).orElse(null))) {
                return missingFlavor(request);
            }
            if (!"GET".equals(request.method())) {
                return flavored(EmulatorResponse.text(405, "Method not allowed"));
            }
            return flavored(route.handle(request));
        });
    }

    private EmulatorResponse root(RecordedRequest request) {
        // GET / without the header is how libraries probe for "running on GCE": it answers 200 + flavor.
        if ("/".equals(request.path())) {
            return flavored(EmulatorResponse.text(200, "computeMetadata/\n"));
        }
        return notFound(request);
    }

    /**
     * A directory answers the names of its entries, one a line (subdirectories with a trailing slash), or with
     * {@code recursive=true} the whole tree as JSON, as the metadata server documents.
     */
    private EmulatorResponse instanceDirectory(RecordedRequest request) {
        if ("true".equalsIgnoreCase(request.queryParam("recursive").orElse(""))) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("id", Long.parseLong(instance.instanceId()));
            tree.put("name", instance.instanceName());
            tree.put("zone", "projects/" + instance.projectNumber() + "/zones/" + instance.zone());
            tree.put("serviceAccounts", Map.of("default", Map.of("email", instance.serviceAccountEmail(),
                    "aliases", List.of("default"), "scopes", List.of("https://www.googleapis.com/auth/cloud-platform"))));
            try {
                return EmulatorResponse.of(200, "application/json", JSON.writeValueAsString(tree));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return EmulatorResponse.of(200, "application/text", "id\nname\nservice-accounts/\nzone\n");
    }

    private EmulatorResponse identity(RecordedRequest request) {
        String audience = request.queryParam("audience").orElse("");
        if (audience.isEmpty()) {
            return EmulatorResponse.text(400, "non-empty audience parameter required");
        }
        String format = request.queryParam("format").orElse("standard");
        if (!"standard".equals(format) && !"full".equals(format)) {
            return EmulatorResponse.text(400, "format must be 'standard' or 'full'");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("azp", instance.serviceAccountUniqueId());
        if ("full".equals(format)) {
            claims.put("email", instance.serviceAccountEmail());
            claims.put("email_verified", true);
            Map<String, Object> gce = new LinkedHashMap<>();
            gce.put("instance_creation_timestamp", clock.instant().minus(Duration.ofDays(1)).getEpochSecond());
            gce.put("instance_id", instance.instanceId());
            gce.put("instance_name", instance.instanceName());
            gce.put("project_id", instance.projectId());
            gce.put("project_number", Long.parseLong(instance.projectNumber()));
            gce.put("zone", instance.zone());
            claims.put("google", Map.of("compute_engine", gce));
        }
        return EmulatorResponse.of(200, "text/html; charset=utf-8",
                issuer.mint(instance.serviceAccountUniqueId(), audience, TOKEN_LIFETIME, claims));
    }

    private static EmulatorResponse text(String value) {
        return EmulatorResponse.of(200, "application/text", value);
    }

    private static EmulatorResponse flavored(EmulatorResponse response) {
        return response.withHeader(FLAVOR, "Google");
    }

    private static EmulatorResponse notFound(RecordedRequest request) {
        return flavored(EmulatorResponse.of(404, "text/html; charset=UTF-8", errorPage(404,
                "The requested URL <code>" + request.path() + "</code> was not found on this server.")));
    }

    private static EmulatorResponse missingFlavor(RecordedRequest request) {
        return flavored(EmulatorResponse.of(403, "text/html; charset=UTF-8", errorPage(403,
                "Your client does not have permission to get URL <code>" + request.path()
                        + "</code> from this server. Missing Metadata-Flavor:Google header.")));
    }

    private static String errorPage(int status, String message) {
        return "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error " + status
                + " (" + (status == 403 ? "Forbidden" : "Not Found") + ")!!1</title>\n"
                + "  <p><b>" + status + ".</b> <ins>That\u2019s an error.</ins>\n  <p>" + message
                + "  <ins>That\u2019s all we know.</ins>\n";
    }
}
