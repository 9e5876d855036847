package dev.entrabridge.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.EmulatedDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sidecar process with the background health check on builds one blueprint credential and one
 * outbound HTTP client: the assertion the health check mints is the one the token requests present
 * afterwards (one credential, one reuse window, so STS is asked once), and the trusted CA file can go
 * away once the sidecar has started (it was read once, into the one client).
 */
class OneRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_ROUTE = "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent";

    /** The sidecar runs on the system clock, so the emulators do too. */
    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));

    private static String jti(RecordedRequest leg1) {
        try {
            return SignedJWT.parse(leg1.formParam("client_assertion").orElseThrow()).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new AssertionError("leg 1 carried no JWT assertion", e);
        }
    }

    @Test
    void theHealthCheckAndTheTokenRequestsShareOneCredentialAndOneClient() throws Exception {
        // Lets the health check compare the blueprint's FICs with the assertion, so its run can pass.
        world.cloud().tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
        Path ca = Files.copy(world.bridge().caFile(), world.bridge().dir().resolve("ca-read-once.pem"));
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_TRUSTED_CA_FILE", ca.toString());
        env.put("BRIDGE_POLICY", EmulatedDeployment.LOOPBACK_MAIL_AGENT_POLICY);
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "3600");

        JsonNode healthz;
        Response first;
        Response refreshed;
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Files.delete(ca);
            URI base = sidecar.server().baseUrl();
            healthz = awaitFirstReport(base);
            first = RawHttp.send(base, "GET", TOKEN_ROUTE, Map.of(), new byte[0]);
            refreshed = RawHttp.send(base, "GET", TOKEN_ROUTE
                    + "&optionsOverride.AcquireTokenOptions.ForceRefresh=true", Map.of(), new byte[0]);
        }

        assertThat(healthz.at("/health/credential/status").asText()).as(healthz.toString()).isEqualTo("pass");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        List<RecordedRequest> leg1 = world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID);
        // The health run's legs, then the two token requests' (the forced refresh bypasses every cache).
        assertThat(leg1).hasSizeGreaterThanOrEqualTo(3);
        Set<String> assertions = leg1.stream().map(OneRuntimeIT::jti).collect(Collectors.toSet());
        assertThat(assertions).as("one credential: the health check's fresh assertion is reused by the requests")
                .hasSize(1);
    }

    /** Polls /healthz until the first background run (a second after start) has reported. */
    private static JsonNode awaitFirstReport(URI base) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            Response r = RawHttp.send(base, "GET", "/healthz", Map.of(), new byte[0]);
            JsonNode body = JSON.readTree(r.body());
            if (!"pending".equals(body.at("/health/credential/status").asText())) {
                return body;
            }
            assertThat(Instant.now()).as("a health report within 30 s").isBefore(deadline);
            Thread.sleep(Duration.ofMillis(200).toMillis());
        }
    }
}
