package dev.entrabridge.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.endpoint.contract.ContractWorld;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.Jwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MI_CLIENT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MI_PRINCIPAL_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invocations of the HTTP functions on the emulated cloud: the app's user-assigned managed identity end to
 * end (MI endpoint → the blueprint's FIC → T1 → T2 → Graph), and 50 concurrent invocations — each on a new
 * function object, as the worker makes them — sharing the worker's one runtime and its one token cache.
 */
class FunctionInvocationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTONOMOUS = "/api/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent";

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));

    private EmulatedCloud cloud;
    private EmulatedFunctionApp app;

    @BeforeEach
    void deploy() {
        cloud = world.cloud();
        app = new EmulatedFunctionApp(world.bridge());
    }

    @AfterEach
    void undeploy() {
        app.close();
    }

    @Test
    void theManagedIdentityIsTheBlueprintsCredentialFromTheEndpointToGraph() throws IOException {
        FakeHttpResponse response = app.host().http("POST", EmulatedFunctionApp.BASE_URL
                        + "/api/DownstreamApiUnauthenticated/graph?AgentIdentity=mail-agent&optionsOverride.RelativePath=users",
                app.asCaller(), null);

        assertThat(response.getStatusCode()).as(response.bodyText()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.bodyText());
        assertThat(body.get("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(body.get("content").asText()).get("value").size()).isPositive();

        RecordedRequest mi = cloud.managedIdentity().requests().get(0);
        assertThat(mi.queryParam("resource")).contains(EXCHANGE_AUDIENCE);
        assertThat(mi.queryParam("client_id")).contains(MI_CLIENT_ID);
        assertThat(mi.queryParam("api-version")).contains("2019-08-01");
        assertThat(mi.header("x-identity-header")).contains(cloud.managedIdentity().identityHeader());

        List<RecordedRequest> legs = cloud.entra().tokenRequests();
        assertThat(legs).hasSize(2);
        RecordedRequest t1 = legs.get(0);
        assertThat(t1.formParam("client_id")).contains(BLUEPRINT_APP_ID);
        assertThat(t1.formParam("fmi_path")).contains(MAILER_AGENT_APP_ID);
        Map<String, Object> assertion = Jwts.claims(t1.formParam("client_assertion").orElseThrow());
        assertThat(assertion).containsEntry("iss", cloud.entra().issuer(TENANT_ID)).containsEntry("sub", MI_PRINCIPAL_ID);
        RecordedRequest t2 = legs.get(1);
        assertThat(t2.formParam("client_id")).contains(MAILER_AGENT_APP_ID);
        assertThat((String) Jwts.claims(t2.formParam("client_assertion").orElseThrow()).get("sub")).endsWith("/" + MAILER_AGENT_APP_ID);
        assertThat(cloud.graph().requests()).last().satisfies(g -> {
            Map<String, Object> agentToken = Jwts.claims(g.header("authorization").orElseThrow().substring(7));
            // Graph tokens are v1, as Entra issues them: the client is appid, not azp.
            assertThat(agentToken).containsEntry("appid", MAILER_AGENT_APP_ID).containsEntry("aud", List.of(GRAPH));
        });
        assertThat(app.auditLines).last().asString().contains("\"outcome\":\"issued\"", "\"kind\":\"JWT\"",
                "\"subject\":\"" + ContractWorld.CALLER + "\"");
    }

    @Test
    void fiftyConcurrentInvocationsShareOneRuntimeAndOneExchange() throws Exception {
        FunctionHost host = app.host();
        List<Map<String, String>> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callers.add(app.asCaller());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<FakeHttpResponse>> answers = new ArrayList<>();
            for (Map<String, String> caller : callers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return host.http("GET", EmulatedFunctionApp.BASE_URL + AUTONOMOUS, caller, null);
                }));
            }
            start.countDown();
            List<String> headers = new ArrayList<>();
            for (Future<FakeHttpResponse> answer : answers) {
                FakeHttpResponse r = answer.get(60, TimeUnit.SECONDS);
                assertThat(r.getStatusCode()).as(r.bodyText()).isEqualTo(200);
                headers.add(JSON.readTree(r.bodyText()).get("authorizationHeader").asText());
            }

            assertThat(headers).hasSize(50).containsOnly(headers.get(0));
            assertThat(app.runtimesBuilt).hasValue(1);
            assertThat(world.bridge().tokenRequestsBy(BLUEPRINT_APP_ID)).as("leg 1").hasSize(1);
            assertThat(world.bridge().tokenRequestsBy(MAILER_AGENT_APP_ID)).as("leg 2").hasSize(1);
            assertThat(cloud.managedIdentity().requests()).as("one assertion").hasSize(1);
            assertThat(app.auditLines).hasSize(50).allSatisfy(l -> assertThat(l).contains("\"outcome\":\"issued\""));
        } finally {
            pool.shutdownNow();
        }
    }
}
