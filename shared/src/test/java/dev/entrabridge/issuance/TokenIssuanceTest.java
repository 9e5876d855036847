package dev.entrabridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.BedrockAgent;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenProvider;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.Diagnosis;
import dev.entrabridge.token.Flow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The issuance every adapter uses, without HTTP: policy first, one audit line either way, Bedrock agents mapped. */
class TokenIssuanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLWJ5dGVz";
    private static final String HELPDESK_APP = "11111111-aaaa-4bbb-8ccc-000000000001";
    private static final String MAILER_APP = "11111111-aaaa-4bbb-8ccc-000000000002";
    private static final String TESTER_APP = "11111111-aaaa-4bbb-8ccc-000000000003";

    private final List<AgentTokenRequest> asked = new ArrayList<>();
    private final List<String> audit = new ArrayList<>();
    private AgentTokenException failure;

    private final AgentTokenProvider core = request -> {
        asked.add(request);
        if (failure != null) {
            throw failure;
        }
        return new AgentToken(TOKEN, NOW.plusSeconds(3600), NOW.plusSeconds(3300), request.scopes(), request.flow(),
                request.agent(), "app-of-" + request.agent());
    };

    private final TokenIssuance issuance = TokenIssuance.builder()
            .tokens(core)
            .policy(CallerPolicy.fromJson(resource("issuance/policy.json")))
            .agents(List.of(
                    new AgentDefinition("helpdesk", HELPDESK_APP, Optional.empty(), List.of(BedrockAgent.anyAlias("HELPDESK01"))),
                    new AgentDefinition("mailer", MAILER_APP, Optional.empty(), List.of(BedrockAgent.anyAlias("MAILER0001"))),
                    new AgentDefinition("mail-tester", TESTER_APP, Optional.empty(),
                            List.of(new BedrockAgent("MAILER0001", Optional.of("TSTALIASID"))))))
            .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com/v1.0"),
                    List.of("https://graph.microsoft.com/.default"), List.of())))
            .blueprint("bbbbbbbb-0000-4000-8000-000000000000")
            .audit(new AuditLog(audit::add, Clock.fixed(NOW, ZoneOffset.UTC)))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    private static String resource(String name) {
        try (InputStream in = TokenIssuanceTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode onlyAuditLine() throws IOException {
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).doesNotContain(TOKEN);
        return JSON.readTree(audit.get(0));
    }

    @Test
    void anAllowedRequestGetsTheCoresTokenForTheApisScopesAndOneIssuedLine() throws IOException {
        AgentToken token = issuance.issue(IssueRequest.from(Caller.loopback("127.0.0.1")).agent("helpdesk").api("graph")
                .correlationId("corr-1").build());

        assertThat(token.accessToken()).isEqualTo(TOKEN);
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.agent()).isEqualTo("helpdesk");
            assertThat(r.scopes()).containsExactly("https://graph.microsoft.com/.default");
            assertThat(r.flow()).isEqualTo(Flow.AUTONOMOUS);
            assertThat(r.correlationId()).isEqualTo("corr-1");
        });
        JsonNode line = onlyAuditLine();
        assertThat(line.get("outcome").asText()).isEqualTo("issued");
        assertThat(line.get("rule").asText()).isEqualTo("laptop");
        assertThat(line.get("agentIdentity").asText()).isEqualTo("app-of-helpdesk");
    }

    @Test
    void theAgentsAppIdResolvesToItsNameBeforePolicyDecides() {
        issuance.issue(IssueRequest.from(Caller.loopback("127.0.0.1")).agent(MAILER_APP.toUpperCase()).api("graph").build());

        assertThat(asked).singleElement().extracting(AgentTokenRequest::agent).isEqualTo("mailer");
    }

    @Test
    void aBedrockAgentActsAsTheAgentItIsMappedTo() throws IOException {
        AgentToken token = issuance.issue(IssueRequest.from(Caller.bedrockAgent("HELPDESK01", "PRODALIAS1")).api("graph")
                .build());

        assertThat(token.agentName()).isEqualTo("helpdesk");
        assertThat(issuance.agentFor(Caller.bedrockAgent("HELPDESK01"))).map(AgentDefinition::name).contains("helpdesk");
        JsonNode line = onlyAuditLine();
        assertThat(line.at("/caller/kind").asText()).isEqualTo("BEDROCK_AGENT");
        assertThat(line.at("/caller/agentId").asText()).isEqualTo("HELPDESK01");
        assertThat(line.at("/caller/agentAliasId").asText()).isEqualTo("PRODALIAS1");
        assertThat(line.get("rule").asText()).isEqualTo("helpdesk-bedrock");
    }

    @Test
    void anExactAliasMappingWinsOverTheAgentsOtherAliases() {
        assertThat(issuance.agentFor(Caller.bedrockAgent("MAILER0001", "TSTALIASID"))).map(AgentDefinition::name)
                .contains("mail-tester");
        assertThat(issuance.agentFor(Caller.bedrockAgent("MAILER0001", "LIVEALIAS1"))).map(AgentDefinition::name)
                .contains("mailer");
        assertThat(issuance.agentFor(Caller.bedrockAgent("MAILER0001"))).map(AgentDefinition::name).contains("mailer");
        assertThat(issuance.agentFor(Caller.loopback("127.0.0.1"))).isEmpty();
    }

    @Test
    void anUnmappedBedrockAgentIsRefusedNamingTheVariableAndNeverReachesTheCore() throws IOException {
        IssuanceRefused refused = catchThrowableOfType(() -> issuance.issue(IssueRequest.from(
                Caller.bedrockAgent("STRANGER01")).api("graph").build()), IssuanceRefused.class);

        assertThat(refused.httpStatus()).isEqualTo(403);
        assertThat(refused.diagnosis().category()).isEqualTo(Diagnosis.Category.DENIED);
        assertThat(refused.diagnosis().code()).isEqualTo("BRIDGE_BEDROCK_AGENT_UNMAPPED");
        assertThat(refused.diagnosis().remedy()).contains("BRIDGE_BEDROCK_AGENTS=<agent name>=STRANGER01");
        assertThat(asked).isEmpty();
        assertThat(onlyAuditLine().get("diagnosisCode").asText()).isEqualTo("BRIDGE_BEDROCK_AGENT_UNMAPPED");
    }

    @Test
    void policyDecidesFirstADeniedRequestNeverReachesTheCore() throws IOException {
        IssuanceRefused refused = catchThrowableOfType(() -> issuance.issue(IssueRequest.from(
                Caller.bedrockAgent("HELPDESK01")).agent("mailer").api("graph").build()), IssuanceRefused.class);

        assertThat(refused.httpStatus()).isEqualTo(403);
        assertThat(refused.diagnosis().code()).isEqualTo("POLICY_DENIED");
        assertThat(refused.diagnosis().cause()).startsWith("Refused by the caller policy: Bedrock agent HELPDESK01 may not use agent 'mailer'");
        assertThat(asked).isEmpty();
        JsonNode line = onlyAuditLine();
        assertThat(line.get("outcome").asText()).isEqualTo("refused");
        assertThat(line.get("rule").asText()).isEqualTo("helpdesk-bedrock");
    }

    @Test
    void anUnknownAgentOrApiIsNotFoundAndAudited() {
        IssuanceRefused agent = catchThrowableOfType(() -> issuance.issue(IssueRequest.from(Caller.loopback("127.0.0.1"))
                .agent("nobody").api("graph").build()), IssuanceRefused.class);
        IssuanceRefused api = catchThrowableOfType(() -> issuance.issue(IssueRequest.from(Caller.loopback("127.0.0.1"))
                .agent("helpdesk").api("payroll").build()), IssuanceRefused.class);

        assertThat(agent.httpStatus()).isEqualTo(404);
        assertThat(agent.diagnosis().code()).isEqualTo("BRIDGE_UNKNOWN_AGENT");
        assertThat(api.httpStatus()).isEqualTo(404);
        assertThat(api.diagnosis().cause()).contains("configured: graph");
        assertThat(asked).isEmpty();
        assertThat(audit).hasSize(2);
    }

    @Test
    void entrasRefusalKeepsItsDiagnosisAndCorrelationIdAndNoOtherTokenIsTried() throws IOException {
        failure = new AgentTokenException(new Diagnosis(Diagnosis.Category.TRANSIENT, "ENTRA_HTTP_429",
                "Entra throttled the token request (HTTP 429).", "Retry later."), "entra-corr", Duration.ofSeconds(7), null);

        IssuanceRefused refused = catchThrowableOfType(() -> issuance.issue(IssueRequest.from(Caller.loopback("127.0.0.1"))
                .agent("helpdesk").scopes(Set.of("https://graph.microsoft.com/.default")).build()), IssuanceRefused.class);

        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.correlationId()).contains("entra-corr");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(asked).hasSize(1);
        JsonNode line = onlyAuditLine();
        assertThat(line.get("diagnosisCode").asText()).isEqualTo("ENTRA_HTTP_429");
        assertThat(line.get("correlationId").asText()).isEqualTo("entra-corr");
    }

    @Test
    void aRejectedRequestAlsoLeavesOneLine() throws IOException {
        issuance.rejected(null, "graph", "BRIDGE_UNAUTHENTICATED", "The caller is not authenticated.", "corr-9",
                Duration.ofMillis(2));

        JsonNode line = onlyAuditLine();
        assertThat(line.at("/caller/kind").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(line.get("diagnosisCode").asText()).isEqualTo("BRIDGE_UNAUTHENTICATED");
    }
}
