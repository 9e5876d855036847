package dev.entrabridge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.token.Flow;
import dev.entrabridge.inbound.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLUEPRINT = "11111111-2222-3333-4444-555555555555";
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyIiwiYXVkIjoiYXBpIn0.c2lnbmF0dXJlLWJ5dGVz";

    private final List<String> lines = new ArrayList<>();
    private final AuditLog log = new AuditLog(lines::add,
            Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void writesARefusalAsOneJsonLineInTheDocumentedShape() throws Exception {
        log.record(AuditEvent.refused("POLICY_DENIED", "JWT caller https://idp.example.com/tenant-a / n8n-workflow may "
                        + "not use agent 'helpdesk-agent' (rule 'n8n-mail' allows agents [mail-agent])")
                .caller(Caller.jwt("https://idp.example.com/tenant-a", "n8n-workflow", Map.of("email", "x@y")))
                .agent("helpdesk-agent", null).blueprint(BLUEPRINT).flow(Flow.AUTONOMOUS)
                .api("graph", Set.of("https://graph.microsoft.com/.default")).rule("n8n-mail")
                .latency(Duration.ofMillis(3)).build());

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n");
        assertThat(JSON.readTree(lines.get(0))).isEqualTo(fixture("refused-policy.json"));
    }

    @Test
    void writesAnIssuedTokenWithCorrelationIdAndLatency() throws Exception {
        log.record(AuditEvent.issued()
                .caller(Caller.awsIam("arn:aws:sts::123456789012:assumed-role/agent-mailer/s1"))
                .agent("mail-agent", "aaaaaaaa-0000-0000-0000-000000000001").blueprint(BLUEPRINT)
                .flow(Flow.ON_BEHALF_OF).api("graph", Set.of("User.Read", "Mail.Send")).rule("lambda-roles")
                .correlationId("c0ffee00-0000-0000-0000-000000000042").latency(Duration.ofMillis(187)).build());

        assertThat(JSON.readTree(lines.get(0))).isEqualTo(fixture("issued-iam.json"));
    }

    @Test
    void writesAnUnauthenticatedCallerWhenAuthenticationFailed() throws Exception {
        log.record(AuditEvent.refused("CALLER_TOKEN_EXPIRED", "caller token refused: the token expired").build());

        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.path("caller").path("kind").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(line.path("diagnosisCode").asText()).isEqualTo("CALLER_TOKEN_EXPIRED");
        assertThat(line.path("outcome").asText()).isEqualTo("refused");
    }

    @Test
    void redactsATokenWhereverACallerSmugglesOneIn() throws Exception {
        log.record(AuditEvent.refused("BRIDGE_UNKNOWN_AGENT", "no agent named Bearer " + JWT)
                .caller(Caller.jwt("https://idp.example.com", JWT, Map.of()))
                .agent(JWT, null).api("graph", Set.of(JWT, "User.Read")).correlationId(JWT + "x").build());

        String line = lines.get(0);
        JsonNode json = JSON.readTree(line);
        assertThat(line).doesNotContain(JWT).doesNotContain("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0");
        assertThat(json.path("agent").asText()).isEqualTo("<redacted>");
        assertThat(json.path("reason").asText()).isEqualTo("<redacted>");
        assertThat(json.path("caller").path("subject").asText()).isEqualTo("<redacted>");
        assertThat(json.path("correlationId").asText()).isEqualTo("<redacted>");
        assertThat(json.path("scopes").toString()).isEqualTo("[\"User.Read\",\"<redacted>\"]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://graph.microsoft.com/.default",
            "api://AzureADTokenExchange/.default",
            "login.microsoftonline.com",
            "arn:aws:sts::123456789012:assumed-role/agent-mailer/session.name.v1",
            "c0ffee00-0000-0000-0000-000000000042",
            "JWT caller https://idp.example.com/tenant-a / n8n-workflow may not use agent 'a.b.c'",
            "3.14.15"})
    void leavesOrdinaryValuesAlone(String value) {
        assertThat(TokenRedaction.guard(value)).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            JWT,
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            "Bearer eyJ0eXAiOiJKV1QifQ.e30.sig",
            "abcdefghijklmnopqrstu.abcdefghijklmnopqrstu.abcdefghijklmnopqrstu"})
    void recognisesTokenShapedValues(String value) {
        assertThat(TokenRedaction.guard(value)).isEqualTo("<redacted>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-15T10:00:00Z", "2026-01-15T10:00:00.100Z", "2026-01-15T10:00:00.000001Z",
            "2026-01-15T10:00:00.000000001Z", "2026-01-15T10:00:00.123456789Z", "2026-01-15T10:00:00.120Z",
            "2026-01-15T10:00:00.000100Z", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00.5Z",
            "+10000-01-01T00:00:00.5Z", "-0001-01-01T00:00:00.5Z"})
    void timestampsAreWhatInstantToStringWrites(String text) {
        Instant instant = Instant.parse(text);

        // Twice: the second within the same second comes from the cached text of that second.
        assertThat(log.timestamp(instant)).isEqualTo(instant.toString());
        assertThat(log.timestamp(instant.plusNanos(1))).isEqualTo(instant.plusNanos(1).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "https://graph.microsoft.com/.default", "mail-agent", "a.b.c",
            "abcdefgh..x", "abcdefgh.x/.y", "login.microsoftonline.com"})
    void valuesWithoutATokensShapeSkipTheRegex(String value) {
        assertThat(TokenRedaction.mayHoldToken(value)).isFalse();
        assertThat(TokenRedaction.guard(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {JWT, "Bearer " + JWT, "x=" + JWT + "&y", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            "aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb.cccccccccccccccccccccccc"})
    void tokenShapedValuesStillReachTheRegexAndAreRedacted(String value) {
        assertThat(TokenRedaction.mayHoldToken(value)).isTrue();
        assertThat(TokenRedaction.guard(value)).isEqualTo(TokenRedaction.REDACTED);
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = AuditLogTest.class.getResourceAsStream("/audit/" + name)) {
            return JSON.readTree(in);
        }
    }
}
