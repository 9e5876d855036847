package dev.entrabridge.policy;

import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerPolicyTest {

    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
    private static final Caller N8N = Caller.jwt("https://idp.example.com/tenant-a", "n8n-workflow", Map.of());
    private static CallerPolicy policy;

    @BeforeAll
    static void load() throws Exception {
        policy = CallerPolicy.fromFile(fixture("valid.json"));
    }

    @Test
    void loadsEveryRule() {
        assertThat(policy.ruleCount()).isEqualTo(5);
    }

    @Test
    void allowsAJwtCallerWhatItsRuleGrantsAndNamesTheRule() {
        PolicyDecision d = policy.decide(N8N, "mail-agent", "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));

        assertThat(d.allowed()).isTrue();
        assertThat(d.rule()).contains("n8n-mail");
        assertThat(d.reason()).isEqualTo("JWT caller https://idp.example.com/tenant-a / n8n-workflow may use agent "
                + "'mail-agent' for API 'graph' (autonomous) by rule 'n8n-mail'");
    }

    @Test
    void aSecondRuleForTheSameCallerGrantsOtherAgentsAndFlows() {
        PolicyDecision d = policy.decide(N8N, "calendar-agent", "graph", Flow.ON_BEHALF_OF, Set.of(GRAPH_DEFAULT));

        assertThat(d.allowed()).isTrue();
        assertThat(d.rule()).contains("n8n-calendar-obo");
    }

    @Test
    void deniesAnAgentTheCallerWasNotGranted() {
        PolicyDecision d = policy.decide(N8N, "helpdesk-agent", "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));

        assertThat(d.allowed()).isFalse();
        assertThat(d.code()).isEqualTo("POLICY_DENIED");
        assertThat(d.reason()).contains("may not use agent 'helpdesk-agent'").contains("allows agents [mail-agent]");
    }

    @Test
    void deniesAnApiAFlowAndAScopeOutsideTheRule() {
        PolicyDecision api = policy.decide(N8N, "mail-agent", "mcp", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));
        PolicyDecision flow = policy.decide(N8N, "mail-agent", "graph", Flow.AGENT_USER, Set.of(GRAPH_DEFAULT));
        PolicyDecision scope = policy.decide(N8N, "mail-agent", "graph", Flow.AUTONOMOUS, Set.of("Mail.Send"));

        assertThat(api.allowed()).isFalse();
        assertThat(api.reason()).contains("for API 'mcp'").contains("allows APIs [graph]");
        assertThat(flow.allowed()).isFalse();
        assertThat(flow.reason()).contains("may not use the agent-user flow").contains("allows flows [autonomous]");
        assertThat(flow.rule()).contains("n8n-mail");
        assertThat(scope.allowed()).isFalse();
        assertThat(scope.reason()).contains("may not request scopes [Mail.Send]").contains("scopes [" + GRAPH_DEFAULT + "]");
    }

    @Test
    void deniesByDefaultACallerNoRuleNames() {
        Caller stranger = Caller.jwt("https://idp.example.com/tenant-a", "someone-else", Map.of());

        PolicyDecision d = policy.decide(stranger, "mail-agent", "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));

        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEmpty();
        assertThat(d.reason()).contains("someone-else is not named by any policy rule (default deny)");
    }

    @Test
    void issuerAndSubjectMatchExactly() {
        Caller trailingSlash = Caller.jwt("https://idp.example.com/tenant-a/", "n8n-workflow", Map.of());
        Caller otherCase = Caller.jwt("https://idp.example.com/tenant-a", "N8N-workflow", Map.of());

        assertThat(policy.decide(trailingSlash, "mail-agent", "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT)).allowed()).isFalse();
        assertThat(policy.decide(otherCase, "mail-agent", "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT)).allowed()).isFalse();
    }

    @Test
    void iamArnWildcardMatchesOnlyAsATrailingPrefix() {
        Caller role = Caller.awsIam("arn:aws:sts::123456789012:assumed-role/agent-mailer/session-1");
        Caller otherAccount = Caller.awsIam("arn:aws:sts::999999999999:assumed-role/agent-mailer/session-1");
        Caller otherRole = Caller.awsIam("arn:aws:sts::123456789012:assumed-role/admin/agent-x");

        assertThat(policy.decide(role, "mail-agent", "mcp", Flow.AGENT_USER, Set.of("api://mcp/.default")).allowed()).isTrue();
        assertThat(policy.decide(otherAccount, "mail-agent", "mcp", Flow.AGENT_USER, Set.of("x")).allowed()).isFalse();
        assertThat(policy.decide(otherRole, "mail-agent", "mcp", Flow.AGENT_USER, Set.of("x")).allowed()).isFalse();
    }

    @Test
    void matchesBedrockAgentsByIdAndLoopbackByKind() {
        assertThat(policy.decide(Caller.bedrockAgent("AGENT12345"), "helpdesk-agent", "graph", Flow.AUTONOMOUS,
                Set.of(GRAPH_DEFAULT)).rule()).contains("bedrock-helpdesk");
        assertThat(policy.decide(Caller.bedrockAgent("AGENT99999"), "helpdesk-agent", "graph", Flow.AUTONOMOUS,
                Set.of(GRAPH_DEFAULT)).allowed()).isFalse();
        assertThat(policy.decide(Caller.loopback("127.0.0.1"), "anything", "custom", Flow.ON_BEHALF_OF,
                Set.of("api://custom/.default")).rule()).contains("developer-laptop");
    }

    @Test
    void aRequestWithoutAnAgentIsTheBlueprintsOwnTokenWhichNoWildcardGrants() {
        PolicyDecision d = policy.decide(Caller.loopback("127.0.0.1"), null, "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).contains("names no agent identity", "blueprint-app");
        assertThat(d.remedy()).hasValueSatisfying(r -> assertThat(r).contains(
                "{\"name\":\"blueprint-app-graph\",\"caller\":{\"kind\":\"loopback\"},\"apis\":[\"graph\"],\"flows\":[\"blueprint-app\"]}"));
    }

    @Test
    void onlyAnExplicitBlueprintRuleGrantsTheBlueprintsOwnTokenAndOnlyForItsFlowAndApi() {
        CallerPolicy explicit = CallerPolicy.fromJson("{\"rules\":[{\"name\":\"migrated\",\"caller\":{\"kind\":\"loopback\"},"
                + "\"apis\":[\"graph\"],\"flows\":[\"blueprint-obo\"]}]}");
        Caller local = Caller.loopback("127.0.0.1");

        assertThat(explicit.decide(local, null, "graph", Flow.ON_BEHALF_OF, Set.of(GRAPH_DEFAULT)).rule()).contains("migrated");
        assertThat(explicit.decide(local, null, "graph", Flow.ON_BEHALF_OF, Set.of(GRAPH_DEFAULT)).allowed()).isTrue();
        assertThat(explicit.decide(local, null, "graph", Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT)).allowed()).isFalse();
        assertThat(explicit.decide(local, null, "mcp", Flow.ON_BEHALF_OF, Set.of("api://mcp/.default")).allowed()).isFalse();
        // A blueprint rule grants no agent.
        assertThat(explicit.decide(local, "mail-agent", "graph", Flow.ON_BEHALF_OF, Set.of(GRAPH_DEFAULT)).allowed()).isFalse();
    }

    @Test
    void rawScopesWithoutAnApiNeedAWildcardApiRule() {
        PolicyDecision n8n = policy.decide(N8N, "mail-agent", null, Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));
        PolicyDecision laptop = policy.decide(Caller.loopback("::1"), "mail-agent", null, Flow.AUTONOMOUS, Set.of(GRAPH_DEFAULT));

        assertThat(n8n.allowed()).isFalse();
        assertThat(n8n.reason()).contains("raw scopes without an API");
        assertThat(laptop.allowed()).isTrue();
    }

    @Test
    void anEmptyRuleListDeniesEverything() {
        CallerPolicy none = CallerPolicy.fromJson("{\"rules\":[]}");

        assertThat(none.decide(Caller.loopback("127.0.0.1"), "a", "graph", Flow.AUTONOMOUS, Set.of("s")).allowed()).isFalse();
        assertThat(CallerPolicy.denyAll().decide(N8N, "a", "graph", Flow.AUTONOMOUS, Set.of("s")).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not-json           | caller policy is not valid JSON (line 2, column 1)",
            "no-rules           | policies: unknown field; allowed here: [rules]",
            "unknown-rule-field | rules[0].scope: unknown field; allowed here: [agents, apis, caller, flows, name, scopes]",
            "bad-flow           | rules[0].flows[1]: 'on_behalf' is not a flow; use autonomous, obo, agent-user, blueprint-app or blueprint-obo",
            "wildcard-mid-arn   | rules[1].caller.principalArn: '*' is only allowed as the last character",
            "too-broad-arn      | rules[0].caller.principalArn: 'arn:aws:*' is too broad",
            "missing-subject    | rules[0].caller.subject: required, a non-blank string",
            "http-issuer        | rules[0].caller.issuer: 'http://idp.example.com' must be the exact https issuer URL",
            "bad-kind           | rules[0].caller.kind: 'anyone' is not a caller kind",
            "empty-agents       | rules[0].agents: required, a non-empty array of strings",
            "duplicate-name     | rules[1].name: 'a' is used by an earlier rule",
            "padded-subject     | rules[0].caller.subject: has leading or trailing whitespace",
            "extra-caller-field | rules[0].caller.subject: unknown field; allowed here: [kind]",
    })
    void refusesAnInvalidDocumentNamingTheField(String file, String message) throws Exception {
        Path path = fixture("invalid/" + file + ".json");

        assertThatThrownBy(() -> CallerPolicy.fromFile(path))
                .isInstanceOf(PolicyConfigException.class)
                .hasMessageStartingWith(path.toString())
                .hasMessageContaining(message);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CallerPolicyTest.class.getResource("/policy/" + name).toURI());
    }
}
