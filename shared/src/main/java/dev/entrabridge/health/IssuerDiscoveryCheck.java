package dev.entrabridge.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.Diagnosis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Fetches the assertion issuer's OIDC discovery document and JWKS the way Entra must, and checks
 * that the JWKS holds the assertion's {@code kid}: an unreachable or stale issuer fails every
 * exchange with an opaque AADSTS error. An issuer on Entra's own authority host (a managed identity's
 * assertion) is fetched where Entra traffic really goes (the endpoint override), like the token requests.
 */
final class IssuerDiscoveryCheck implements HealthCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final UnaryOperator<URI> route;

    /** @param route where a URI is really fetched (Entra's authority host to its endpoint override, else unchanged) */
    IssuerDiscoveryCheck(HttpClient http, Duration timeout, UnaryOperator<URI> route) {
        this.http = http;
        this.timeout = timeout;
        this.route = route;
    }

    @Override
    public String name() {
        return "issuer-discovery";
    }

    @Override
    public Finding run(CheckContext context) throws InterruptedException {
        Finding finding = new Finding();
        Optional<AssertionIdentity> assertion = context.get(HealthFacts.ASSERTION);
        if (assertion.isEmpty()) {
            return finding.warn("Skipped: no assertion was minted, so there is no issuer to check.",
                    new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_HEALTH_SKIPPED",
                            "The issuer check needs the assertion check to pass first.",
                            "Fix the assertion check; this one runs after it."));
        }
        String issuer = assertion.get().issuer();
        URI discovery = URI.create(stripSlash(issuer) + "/.well-known/openid-configuration");
        finding.evidence("discovery", discovery.toString());
        JsonNode doc;
        try {
            doc = fetch(discovery);
        } catch (IOException | IllegalArgumentException e) {
            return finding.fail("The issuer's discovery document cannot be fetched.", unreachable(discovery, e));
        }
        if (!issuer.equals(doc.path("issuer").asText())) {
            return finding.fail("The discovery document names another issuer.",
                    new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_ISSUER_MISMATCH",
                            "Discovery at " + discovery + " says issuer '" + doc.path("issuer").asText()
                                    + "' but the assertion says '" + issuer + "'.",
                            "Entra compares them exactly: fix the issuer configuration of the token source."));
        }
        URI jwksUri;
        JsonNode jwks;
        try {
            jwksUri = URI.create(doc.path("jwks_uri").asText());
            finding.evidence("jwks_uri", jwksUri.toString());
            jwks = fetch(jwksUri);
        } catch (IOException | IllegalArgumentException e) {
            return finding.fail("The issuer's JWKS cannot be fetched.",
                    unreachable(URI.create(doc.path("jwks_uri").asText("about:blank")), e));
        }
        int keys = jwks.path("keys").size();
        finding.evidence("keys", keys);
        String kid = assertion.get().keyId();
        boolean found = false;
        for (JsonNode key : jwks.path("keys")) {
            found |= key.path("kid").asText().equals(kid);
        }
        if (kid != null && !found) {
            return finding.fail("The JWKS does not contain the assertion's signing key.",
                    new Diagnosis(Diagnosis.Category.CREDENTIAL, "BRIDGE_JWKS_KID_MISSING",
                            "The assertion is signed with kid '" + kid + "', which the issuer's JWKS ("
                                    + keys + " keys) does not publish, so Entra cannot verify it.",
                            "Wait for the issuer's key rotation to publish the key, or re-create the token"
                                    + " source so it signs with a published key."));
        }
        return finding.pass("Discovery and JWKS are reachable and publish the assertion's key.");
    }

    private JsonNode fetch(URI uri) throws IOException, InterruptedException {
        if (!"https".equals(uri.getScheme())) {
            throw new IOException("issuer endpoints must use https, got " + uri.getScheme());
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(route.apply(uri)).timeout(timeout)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_DOCUMENT_BYTES) {
            throw new IOException("document larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return MAPPER.readTree(response.body());
    }

    private static Diagnosis unreachable(URI uri, Exception e) {
        return new Diagnosis(Diagnosis.Category.CONFIGURATION, "BRIDGE_ISSUER_UNREACHABLE",
                "GET " + uri + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").",
                "Entra fetches this document to verify every assertion: make the issuer's discovery"
                        + " document and JWKS publicly reachable over HTTPS.");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
