package dev.entrabridge.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.ACCESS_AS_USER;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_UPN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_API;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration checklist: the request shapes of Microsoft's own clients of its Entra SDK for AgentID
 * sidecar, replayed against the real sidecar on the emulated cloud, each answered as Microsoft's sidecar
 * answers it — except the refusals kept on purpose (no {@code AgentIdentity} without a policy rule
 * granting the blueprint's own token; {@code FmiPath}, {@code ManagedIdentity.UserAssignedClientId},
 * {@code PopPublicKey}, {@code LongRunningWebApiSessionKey}), each a 4xx problem whose remedy says what to
 * configure. Every test names the file of {@code AzureAD/microsoft-identity-web} it replays.
 *
 * <p>The deployment is configured like Microsoft's samples: {@code graph} (the kit's, {@code BaseUrl}
 * Graph's {@code /v1.0/}), {@code MsGraph} as in its E2E tests' factory ({@code RelativePath /me},
 * {@code Scopes User.Read}) and {@code graph-blueprint}, the one API the policy lets local callers use the
 * blueprint's own token for.
 */
class MicrosoftSidecarCompatibilityIT {

    private static final String PYTHON = "tests/DevApps/SidecarAdapter/python/MicrosoftIdentityWebSidecarClient.py";
    private static final String TYPESCRIPT = "tests/DevApps/SidecarAdapter/typescript/src/sidecar.ts";
    private static final String E2E = "tests/E2E Tests/Sidecar.Tests/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmulatedCloudExtension WORLD = EmulatedCloudExtension.perClass(b -> b.demoPeople().clock(Clock.systemUTC()));

    private static EmulatedCloud cloud;
    private static SidecarMain.Running sidecar;
    private static URI base;

    @BeforeAll
    static void startSidecar() throws IOException {
        cloud = WORLD.cloud();
        cloud.tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "User.Read.All");
        cloud.tenant().consent(BLUEPRINT_APP_ID, GRAPH, "User.Read");
        String graphV1 = cloud.graph().baseUrl() + "/v1.0/";
        Map<String, String> env = WORLD.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        env.put("DownstreamApis__MsGraph__BaseUrl", graphV1);
        env.put("DownstreamApis__MsGraph__RelativePath", "/me");
        env.put("DownstreamApis__MsGraph__Scopes__0", "User.Read");
        env.put("DownstreamApis__graph-blueprint__BaseUrl", graphV1);
        env.put("DownstreamApis__graph-blueprint__Scopes__0", GRAPH + "/.default");
        env.put("BRIDGE_POLICY", "{\"rules\":["
                + "{\"name\":\"local\",\"caller\":{\"kind\":\"loopback\"},\"agents\":[\"mail-agent\"],"
                + "\"apis\":[\"graph\",\"MsGraph\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]},"
                + "{\"name\":\"migrated-from-microsoft\",\"caller\":{\"kind\":\"loopback\"},\"apis\":[\"graph-blueprint\"],"
                + "\"flows\":[\"blueprint-app\",\"blueprint-obo\"]}]}");
        sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), env, new PrintStream(OutputStream.nullOutputStream()));
        base = sidecar.server().baseUrl();
    }

    @AfterAll
    static void stopSidecar() {
        sidecar.server().stop(Duration.ZERO);
    }

    // ---- tokens, as the Python and TypeScript clients ask for them ------------------------------------

    @Test
    @DisplayName("Python get_authorization_header_unauthenticated(api, agent_identity=appId) [" + PYTHON + "]")
    void autonomousAgentTokenByAppIdWithMicrosoftsCacheHeaders() {
        Response r = get("/AuthorizationHeaderUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID));

        JsonNode claims = tokenClaims(r);
        // Graph tokens are v1, as Entra issues them: the client is appid, not azp.
        assertThat(claims.path("appid").asText()).isEqualTo(MAILER_AGENT_APP_ID);
        assertThat(claims.path("ver").asText()).isEqualTo("1.0");
        assertThat(r.header("Cache-Control")).contains("no-cache, no-store, must-revalidate");
        assertThat(r.header("Pragma")).contains("no-cache");
        assertThat(r.header("Expires")).contains("0");
    }

    @Test
    @DisplayName("Python agent_username / options.scopes (repeated), force_refresh, correlation_id, tenant [" + PYTHON + "]")
    void agentUserTokenWithEveryTokenOptionThePythonClientSends() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("AgentIdentity", MAILER_AGENT_APP_ID);
        params.put("AgentUsername", AGENT_USER_UPN);
        params.put("optionsOverride.Scopes", List.of(GRAPH + "/User.Read", GRAPH + "/Mail.Send"));
        params.put("optionsOverride.AcquireTokenOptions.ForceRefresh", "true");
        params.put("optionsOverride.AcquireTokenOptions.CorrelationId", UUID.randomUUID().toString());
        params.put("optionsOverride.AcquireTokenOptions.Tenant", TENANT_ID);

        JsonNode claims = tokenClaims(get("/AuthorizationHeaderUnauthenticated/graph", params));

        assertThat(claims.path("oid").asText()).isEqualTo(AGENT_USER_OID);
        assertThat(claims.path("scp").asText()).contains("User.Read", "Mail.Send");
    }

    @Test
    @DisplayName("Python options.acquire_token_options.claims: the claims challenge reaches Entra [" + PYTHON + "]")
    void aClaimsChallengeIsPassedToEntra() {
        String challenge = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}";
        cloud.entra().clearRequests();

        tokenClaims(get("/AuthorizationHeaderUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.AcquireTokenOptions.Claims", challenge)));

        assertThat(cloud.entra().tokenRequests()).anySatisfy(t -> assertThat(t.formParam("claims")).hasValueSatisfying(
                c -> assertThat(c).contains("xms_cc", "cp1")));
    }

    @Test
    @DisplayName("Python get_authorization_header(api, 'Bearer …', agent_identity): on-behalf-of [" + PYTHON + "]")
    void onBehalfOfTheBearersUser() {
        JsonNode claims = tokenClaims(get("/AuthorizationHeader/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID), userBearer()));

        assertThat(claims.path("oid").asText()).isEqualTo(USER_OID);
        assertThat(claims.path("appid").asText()).isEqualTo(MAILER_AGENT_APP_ID);
    }

    @Test
    @DisplayName("Python --request-app-token on the authenticated route: the agent's app token [" + PYTHON + "]")
    void requestAppTokenOnTheAuthenticatedRoute() {
        JsonNode claims = tokenClaims(get("/AuthorizationHeader/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.RequestAppToken", "true"), userBearer()));

        assertThat(claims.path("idtyp").asText()).isEqualTo("app");
    }

    @Test
    @DisplayName("E2E GetAuthorizationHeaderForAgentUserIdentityAuthenticatedAsync / …UsingOid: agent user with a bearer ["
            + E2E + "SidecarEndpointsE2ETests.cs]")
    void agentUserOnTheAuthenticatedRouteByUsernameAndByObjectId() {
        for (Map<String, Object> user : List.<Map<String, Object>>of(Map.of("agentUsername", AGENT_USER_UPN),
                Map.of("agentUserId", AGENT_USER_OID))) {
            Map<String, Object> params = new LinkedHashMap<>(user);
            params.put("agentidentity", MAILER_AGENT_APP_ID);
            JsonNode claims = tokenClaims(get("/AuthorizationHeader/MsGraph", params, userBearer()));

            assertThat(claims.path("oid").asText()).isEqualTo(AGENT_USER_OID);
        }
    }

    @Test
    @DisplayName("E2E GetAuthorizationHeaderForAgentUserIdentityUnauthenticated(…UseUpn, …_WithOptionsOverride) ["
            + E2E + "SidecarEndpointsE2ETests.cs]")
    void agentUserOnTheUnauthenticatedRouteWithTheE2eOverrides() {
        assertThat(tokenClaims(get("/AuthorizationHeaderUnauthenticated/MsGraph", Map.of("agentidentity", MAILER_AGENT_APP_ID,
                "agentUsername", AGENT_USER_UPN))).path("oid").asText()).isEqualTo(AGENT_USER_OID);
        assertThat(tokenClaims(get("/AuthorizationHeaderUnauthenticated/MsGraph", Map.of("agentidentity", MAILER_AGENT_APP_ID,
                "agentUserId", AGENT_USER_OID))).path("oid").asText()).isEqualTo(AGENT_USER_OID);
        // "OptionsOverride.Tenant" binds to nothing in Microsoft's sidecar: ignored here too.
        Response r = get("/AuthorizationHeaderUnauthenticated/MsGraph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "AgentUsername", AGENT_USER_UPN, "OptionsOverride.Tenant", TENANT_ID, "OptionsOverride.Scopes", "user.read"));
        assertThat(json(r).get("authorizationHeader").asText()).startsWith("Bearer ey");
    }

    @Test
    @DisplayName("E2E TestAgentIdentityConfiguration_InvalidTenant: 401 [" + E2E + "SidecarEndpointsE2ETests.cs]")
    void anInvalidTenantOverrideIs401() {
        Response r = get("/AuthorizationHeaderUnauthenticated/MsGraph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "AgentUsername", AGENT_USER_UPN, "OptionsOverride.AcquireTokenOptions.Tenant", "invalid-tenant",
                "OptionsOverride.Scopes", "user.read"));

        problem(r, 401, "BRIDGE_TENANT_NOT_ALLOWED");
    }

    @Test
    @DisplayName("E2E AuthorizationHeader_WithInvalidSelectedAgentUserId: 400, the value not echoed ["
            + E2E + "AuthorizationHeaderEndpointTests.cs]")
    void aBadAgentUserIdIs400WithoutEchoingIt() {
        for (String bad : List.of("", "not-a-guid", "00000000-0000-0000-0000-000000000000")) {
            Response r = get("/AuthorizationHeader/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID, "AgentUserId", bad),
                    userBearer());

            assertThat(r.status()).as(bad).isEqualTo(400);
            if (!bad.isEmpty()) {
                assertThat(r.body()).contains("AgentUserId must be a non-empty GUID.").doesNotContain(bad);
            }
        }
    }

    // ---- statuses a client depends on ---------------------------------------------------------------

    @Test
    @DisplayName("E2E Validate_WhenBadTokenAsync / AuthorizationHeader_WithInvalidToken: 401 invalid_token, before any parameter ["
            + E2E + "SidecarEndpointsE2ETests.cs, AuthorizationHeaderEndpointTests.cs]")
    void aBadBearerIs401WithInvalidTokenBeforeAnyParameterCheck() {
        Response validate = get("/Validate", Map.of(), "Bearer dummy-token");
        Response header = get("/AuthorizationHeader/test-api", Map.of("OptionsOverride.Scopes", "scopes",
                "optionsOverride.AcquireTokenOptions.FmiPath", "x"), "Bearer invalid-token");

        problem(validate, 401, null);
        assertThat(validate.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("invalid_token"));
        problem(header, 401, null);
    }

    @Test
    @DisplayName("E2E DownstreamApi_WithoutAuthentication, GetDownstreamApiForAgentUserIdentityUnauthenticated(UseOid): 401 ["
            + E2E + "DownstreamApiEndpointTests.cs, SidecarEndpointsE2ETests.cs]")
    void theAuthenticatedRoutesWithoutABearerAre401() {
        problem(post("/DownstreamApi/test-api", Map.of(), Map.of(), null), 401, "BRIDGE_UNAUTHENTICATED");
        problem(post("/DownstreamApi/MsGraph", Map.of("agentidentity", MAILER_AGENT_APP_ID, "agentUsername", AGENT_USER_UPN),
                Map.of(), null), 401, "BRIDGE_UNAUTHENTICATED");
        problem(post("/DownstreamApi/MsGraph", Map.of("agentidentity", MAILER_AGENT_APP_ID, "agentUserId", AGENT_USER_OID),
                Map.of(), null), 401, "BRIDGE_UNAUTHENTICATED");
        Response validate = get("/Validate", Map.of(), null);
        problem(validate, 401, "BRIDGE_UNAUTHENTICATED");
        assertThat(validate.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    @DisplayName("E2E AuthorizationHeader_UnknownService / DownstreamApi_WithNonExistentApiName: 400 ["
            + E2E + "AuthorizationHeaderEndpointTests.cs, DownstreamApiEndpointTests.cs]")
    void anUnknownApiIs400() {
        problem(get("/AuthorizationHeader/unknown", Map.of("AgentIdentity", MAILER_AGENT_APP_ID), userBearer()), 400,
                "BRIDGE_UNKNOWN_API");
        problem(post("/DownstreamApi/non-existent-api", Map.of(), Map.of("Authorization", userBearer()), null), 400,
                "BRIDGE_UNKNOWN_API");
        problem(post("/DownstreamApiUnauthenticated/unknown-api", Map.of(), Map.of(), null), 400, "BRIDGE_UNKNOWN_API");
    }

    // ---- /Validate ------------------------------------------------------------------------------------

    @Test
    @DisplayName("Python validate_authorization_header / TypeScript validateAuthorizationHeader (AgentIdentity in the query) ["
            + PYTHON + ", " + TYPESCRIPT + "]")
    void validateReturnsProtocolTokenAndClaimsAndIgnoresTheQuery() {
        String bearer = userBearer();
        Response r = get("/Validate", Map.of("AgentIdentity", MAILER_AGENT_APP_ID, "AgentUsername", AGENT_USER_UPN), bearer);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("protocol").asText()).isEqualTo("Bearer");
        assertThat(json(r).get("token").asText()).isEqualTo(bearer.substring(7));
        assertThat(json(r).get("claims").get("oid").asText()).isEqualTo(USER_OID);
    }

    @Test
    @DisplayName("v1 user tokens (iss https://sts.windows.net/{tid}/, aud api://…) as Entra issues them to an API whose"
            + " accessTokenAcceptedVersion is unset [" + PYTHON + " get_token.py's token for the sidecar]")
    void v1UserTokensAreAcceptedOnValidateAndForOnBehalfOf() {
        cloud.tenant().api(BLUEPRINT_APP_ID, BLUEPRINT_API).accessTokenAcceptedVersion(null);
        try {
            String v1 = userBearer();
            Response validate = get("/Validate", Map.of(), v1);
            Response obo = get("/AuthorizationHeader/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID), v1);

            assertThat(validate.status()).as(validate.body()).isEqualTo(200);
            assertThat(json(validate).get("claims").get("iss").asText()).isEqualTo("https://sts.windows.net/" + TENANT_ID + "/");
            assertThat(json(validate).get("claims").get("aud").asText()).isEqualTo("api://" + BLUEPRINT_APP_ID);
            assertThat(tokenClaims(obo).path("oid").asText()).isEqualTo(USER_OID);
        } finally {
            cloud.tenant().api(BLUEPRINT_APP_ID, BLUEPRINT_API).accessTokenAcceptedVersion(2);
        }
    }

    // ---- DownstreamApi ---------------------------------------------------------------------------------

    @Test
    @DisplayName("Python invoke_downstream_api_unauthenticated(relative_path='users?$top=…', OData unencoded) [" + PYTHON + "]")
    void relativePathsBelowMicrosoftsGraphBaseUrlWithUnencodedOData() {
        Response r = post("/DownstreamApiUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.RelativePath", "users?$filter=displayName eq 'Alice Demo'&$top=3"), Map.of(), null);

        JsonNode answer = downstream(r, 200);
        assertThat(answer.get("content").asText()).contains("Alice Demo").doesNotContain("Bob Example");
        assertThat(answer.get("headers").has("Content-Type")).isTrue();
        assertThat(answer.get("headers").get("Content-Length").get(0).asText())
                .isEqualTo(Integer.toString(answer.get("content").asText().getBytes(StandardCharsets.UTF_8).length));
        RecordedRequest sent = lastGraphRequest();
        assertThat(sent.path()).isEqualTo("/v1.0/users");
        assertThat(sent.rawQuery()).isEqualTo("$filter=displayName%20eq%20'Alice%20Demo'&$top=3");
    }

    @Test
    @DisplayName("E2E DownstreamApiForAgentUserIdentityAuthenticated: the configured RelativePath (/me) as the default ["
            + E2E + "SidecarApiFactory.cs]")
    void theConfiguredRelativePathAndMethodAreTheDefaults() {
        JsonNode answer = downstream(post("/DownstreamApi/MsGraph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID),
                Map.of("Authorization", userBearer()), null), 200);

        assertThat(answer.get("content").asText()).contains(USER_UPN);
        assertThat(lastGraphRequest().method()).isEqualTo("GET");
        assertThat(lastGraphRequest().path()).isEqualTo("/v1.0/me");
    }

    @Test
    @DisplayName("Python invoke_downstream_api_unauthenticated(json_body, http_method=POST): body forwarded, empty answer"
            + " content null [" + PYTHON + ", " + E2E + "DownstreamApiEndpointTests.cs]")
    void aJsonBodyIsForwardedAndAnEmptyAnswerHasNullContent() {
        String mail = "{\"message\":{\"subject\":\"Hello\",\"body\":{\"contentType\":\"Text\",\"content\":\"Hi\"},"
                + "\"toRecipients\":[{\"emailAddress\":{\"address\":\"" + USER_UPN + "\"}}]}}";
        int before = cloud.graph().sentMail().size();

        JsonNode answer = downstream(post("/DownstreamApiUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.RelativePath", "users/" + AGENT_USER_UPN + "/sendMail", "optionsOverride.HttpMethod", "POST"),
                Map.of("Content-Type", "application/json"), mail), 202);

        assertThat(answer.get("content").isNull()).isTrue();
        assertThat(cloud.graph().sentMail()).hasSize(before + 1);
    }

    @Test
    @DisplayName("Learn's call-downstream-api: a body without Content-Type is not forwarded; without HttpMethod the"
            + " configured method is used [" + E2E + "DownstreamApiEndpointTests.cs]")
    void aBodyWithoutContentTypeIsNotForwarded() {
        downstream(post("/DownstreamApiUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.RelativePath", "users"), Map.of(), "{\"ignored\":true}"), 200);

        assertThat(lastGraphRequest().method()).isEqualTo("GET");
        assertThat(lastGraphRequest().bodyText()).isEmpty();
    }

    @Test
    @DisplayName("Python accept_header/content_type, E2E ExtraHeaderParameters/ExtraQueryParameters, Learn CustomHeader.* ["
            + PYTHON + ", " + E2E + "DownstreamApiEndpointTests.cs]")
    void headerAndQueryOptionsReachTheApi() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("AgentIdentity", MAILER_AGENT_APP_ID);
        params.put("optionsOverride.RelativePath", "users");
        params.put("optionsOverride.AcceptHeader", "application/json;odata.metadata=minimal");
        params.put("OptionsOverride.ExtraHeaderParameters.X-Custom-Header", "test-value");
        params.put("OptionsOverride.ExtraHeaderParameters.OData-Version", "4.0");
        params.put("optionsOverride.CustomHeader.X-Request-Id", "req-42");
        params.put("OptionsOverride.ExtraQueryParameters.$top", "1");

        downstream(post("/DownstreamApiUnauthenticated/graph", params, Map.of(), null), 200);

        RecordedRequest sent = lastGraphRequest();
        assertThat(sent.header("Accept")).contains("application/json;odata.metadata=minimal");
        assertThat(sent.header("X-Custom-Header")).contains("test-value");
        assertThat(sent.header("OData-Version")).contains("4.0");
        assertThat(sent.header("X-Request-Id")).contains("req-42");
        assertThat(sent.queryParam("$top")).contains("1");
    }

    @Test
    @DisplayName("OptionsOverrideHeaderHandlingTests: ExtraHeaderParameters.Authorization never reaches the API ["
            + E2E + "OptionsOverrideHeaderHandlingTests.cs]")
    void aCallersAuthorizationHeaderNeverReplacesTheAgentToken() {
        downstream(post("/DownstreamApiUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.RelativePath", "users", "optionsOverride.ExtraHeaderParameters.Authorization",
                "Bearer caller-supplied"), Map.of(), null), 200);

        assertThat(lastGraphRequest().header("Authorization")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer ey").doesNotContain("caller-supplied"));
    }

    @Test
    @DisplayName("SidecarOverrideGatingTests DownstreamApi_BaseUrlOverride_AlwaysDropped: ignored, never used ["
            + E2E + "SidecarOverrideGatingTests.cs]")
    void aBaseUrlOverrideIsDroppedAndTheHostNeverChanges() {
        int before = cloud.graph().requests().size();

        downstream(post("/DownstreamApiUnauthenticated/graph", Map.of("AgentIdentity", MAILER_AGENT_APP_ID,
                "optionsOverride.RelativePath", "users", "optionsOverride.BaseUrl", "https://evil.example.com"), Map.of(), null), 200);

        assertThat(cloud.graph().requests()).hasSize(before + 1);
    }

    @Test
    @DisplayName("Unknown query names are ignored, the last value of a repeated option wins [" + E2E
            + "../../src/Microsoft.Identity.Web.Sidecar/Models/BindableDownstreamApiOptions.cs]")
    void unknownNamesAreIgnoredAndTheLastValueWins() {
        String query = "?AgentIdentity=" + MAILER_AGENT_APP_ID + "&optionsOverride.RelativePath=groups"
                + "&optionsOverride.RelativePath=users&optionsOverride.SomethingNew=1&x=y";

        downstream(RawHttp.send(base, "POST", "/DownstreamApiUnauthenticated/graph" + query, Map.of(), new byte[0]), 200);

        assertThat(lastGraphRequest().path()).isEqualTo("/v1.0/users");
    }

    // ---- refused on purpose -------------------------------------------------------------------------

    @Test
    @DisplayName("Python --fmi-path, --managed-identity-client-id, --pop-public-key, --long-running-session-key: refused on"
            + " purpose, 400 with what to do instead [" + PYTHON + "]")
    void theFourIdentityOrTokenTypeChangingOptionsAreRefused() {
        Map<String, String> refused = Map.of(
                "optionsOverride.AcquireTokenOptions.FmiPath", "AgentIdentity",
                "optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId", "BRIDGE_MANAGED_IDENTITY_CLIENT_ID",
                "optionsOverride.AcquireTokenOptions.PopPublicKey", "Bearer tokens only",
                "optionsOverride.AcquireTokenOptions.LongRunningWebApiSessionKey", "current token");
        refused.forEach((option, remedy) -> {
            JsonNode problem = problem(get("/AuthorizationHeaderUnauthenticated/graph",
                    Map.of("AgentIdentity", MAILER_AGENT_APP_ID, option, "x")), 400, "BRIDGE_UNSUPPORTED_OPTION");
            assertThat(problem.get("detail").asText()).contains(option);
            assertThat(problem.get("remedy").asText()).contains(remedy);
        });
    }

    @Test
    @DisplayName("No AgentIdentity (E2E AuthorizationHeader_WithAgentUserIdButNoAgentIdentity): refused on purpose, 403"
            + " naming the rule to add [" + E2E + "AuthorizationHeaderEndpointTests.cs]")
    void withoutAgentIdentityAndWithoutAGrantingRuleIs403NamingTheRule() {
        JsonNode app = problem(get("/AuthorizationHeaderUnauthenticated/graph", Map.of()), 403, "POLICY_DENIED");
        JsonNode obo = problem(get("/AuthorizationHeader/graph", Map.of("AgentUserId", "not-a-guid"), userBearer()), 403,
                "POLICY_DENIED");

        assertThat(app.get("remedy").asText()).contains("\"flows\":[\"blueprint-app\"]", "BRIDGE_POLICY", "AgentIdentity");
        assertThat(obo.get("remedy").asText()).contains("\"flows\":[\"blueprint-obo\"]");
    }

    @Test
    @DisplayName("No AgentIdentity with a blueprint-app / blueprint-obo rule: the blueprint's own token, as Microsoft's"
            + " sidecar answers [" + E2E + "AuthorizationHeaderEndpointTests.cs, MockedEndToEndTests.cs]")
    void withAGrantingRuleTheBlueprintsOwnTokenIsServed() {
        JsonNode app = tokenClaims(get("/AuthorizationHeaderUnauthenticated/graph-blueprint", Map.of()));
        JsonNode obo = tokenClaims(get("/AuthorizationHeader/graph-blueprint", Map.of("AgentUserId", "not-a-guid"), userBearer()));

        assertThat(app.path("appid").asText()).isEqualTo(BLUEPRINT_APP_ID);
        assertThat(app.path("idtyp").asText()).isEqualTo("app");
        assertThat(obo.path("appid").asText()).isEqualTo(BLUEPRINT_APP_ID);
        assertThat(obo.path("oid").asText()).isEqualTo(USER_OID);
    }

    // ---- health and the OpenAPI document ----------------------------------------------------------------

    @Test
    @DisplayName("Learn endpoints reference: /healthz answers HEAD, /openapi/v1.json is the contract's document")
    void healthzAnswersHeadAndTheOpenApiDocumentIsServed() {
        Response head = RawHttp.send(base, "HEAD", "/healthz", Map.of(), new byte[0]);
        Response openapi = get("/openapi/v1.json", Map.of());

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(json(openapi).get("paths").has("/DownstreamApi/{apiName}")).isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String userBearer() {
        return "Bearer " + cloud.entra().mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of(ACCESS_AS_USER),
                Duration.ofMinutes(30));
    }

    /** GET with the query a Python {@code requests} / TypeScript {@code URLSearchParams} client builds. */
    private static Response get(String path, Map<String, ?> params) {
        return get(path, params, null);
    }

    private static Response get(String path, Map<String, ?> params, String authorization) {
        return RawHttp.send(base, "GET", path + query(params), authorization == null ? Map.of()
                : Map.of("Authorization", authorization), new byte[0]);
    }

    private static Response post(String path, Map<String, ?> params, Map<String, String> headers, String body) {
        return RawHttp.send(base, "POST", path + query(params), headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Form-encoded, a list as the parameter repeated: what both clients send. */
    private static String query(Map<String, ?> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((name, value) -> {
            for (Object v : value instanceof List ? (List<?>) value : List.of(value)) {
                q.append(q.length() == 0 ? "?" : "&").append(enc(name)).append('=').append(enc(v.toString()));
            }
        });
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static RecordedRequest lastGraphRequest() {
        List<RecordedRequest> all = cloud.graph().requests();
        return all.get(all.size() - 1);
    }

    private static JsonNode tokenClaims(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String header = json(r).get("authorizationHeader").asText();
        assertThat(header).startsWith("Bearer ");
        String[] parts = header.substring(7).split("\\.");
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static JsonNode downstream(Response r, int apiStatus) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("statusCode").asInt()).as(r.body()).isEqualTo(apiStatus);
        assertThat(body.get("headers").isObject()).isTrue();
        return body;
    }

    /** A 4xx problem+json whose remedy says what to do; {@code code} unless null. */
    private static JsonNode problem(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode body = json(r);
        if (code != null) {
            assertThat(body.get("code").asText()).isEqualTo(code);
        }
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("remedy").asText()).isNotBlank();
        return body;
    }

    private static JsonNode json(Response r) {
        return json(r.body());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("not JSON: " + text, e);
        }
    }
}
