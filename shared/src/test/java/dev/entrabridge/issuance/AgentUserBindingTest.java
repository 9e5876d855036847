package dev.entrabridge.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.AgentUser;
import dev.entrabridge.token.Flow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The agent-user flow is allowed only for the agent's own agent users (by object id or UPN); any other
 * user — a person, another agent's agent user — is refused with 403 naming both, before the core (and
 * so Entra) is asked, and after the policy, so an unknown agent still reveals nothing.
 */
class AgentUserBindingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID MAILER_USER = UUID.fromString("a9e10000-0000-4000-8000-000000000013");
    private static final String MAILER_UPN = "mailer-agent@contoso.onmicrosoft.com";
    private static final String CALENDAR_UPN = "calendar-agent@contoso.onmicrosoft.com";
    private static final String PERSON_UPN = "alice@contoso.onmicrosoft.com";

    private final List<AgentTokenRequest> asked = new ArrayList<>();
    private final List<String> audit = new ArrayList<>();
    private final TokenIssuance issuance = TokenIssuance.builder()
            .tokens(request -> {
                asked.add(request);
                return new AgentToken("h.p.s", Instant.now().plusSeconds(600), Instant.now().plusSeconds(300),
                        request.scopes(), request.flow(), request.agent(), "app");
            })
            .policy(CallerPolicy.fromJson(resource("issuance/agent-user-policy.json")))
            .agents(List.of(
                    new AgentDefinition("mailer", "11111111-aaaa-4bbb-8ccc-000000000002",
                            List.of(AgentUser.byObjectId(MAILER_USER), AgentUser.byUsername(MAILER_UPN)), List.of()),
                    new AgentDefinition("calendar", "11111111-aaaa-4bbb-8ccc-000000000003",
                            List.of(AgentUser.byUsername(CALENDAR_UPN)), List.of()),
                    new AgentDefinition("hr", "11111111-aaaa-4bbb-8ccc-000000000004", List.of(), List.of())))
            .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                    List.of("https://graph.microsoft.com/.default"), List.of())))
            .audit(new AuditLog(audit::add, Clock.systemUTC()))
            .build();

    @Test
    void theAgentsOwnAgentUserIsServedByObjectIdAndByUpn() {
        issuance.issue(request("mailer", AgentUser.byObjectId(MAILER_USER)));
        issuance.issue(request("mailer", AgentUser.byUsername("MAILER-AGENT@contoso.onmicrosoft.com")));

        assertThat(asked).hasSize(2).allSatisfy(r -> assertThat(r.flow()).isEqualTo(Flow.AGENT_USER));
    }

    @Test
    void aPersonOrAnotherAgentsUserIsRefusedWith403NamingBothAndTheCoreIsNeverAsked() throws IOException {
        for (AgentUser stranger : List.of(AgentUser.byUsername(PERSON_UPN), AgentUser.byUsername(CALENDAR_UPN),
                AgentUser.byObjectId(UUID.fromString("a11ce000-0000-4000-8000-0000000a11ce")))) {
            IssuanceRefused refused = catchThrowableOfType(IssuanceRefused.class,
                    () -> issuance.issue(request("mailer", stranger)));

            assertThat(refused.httpStatus()).isEqualTo(403);
            assertThat(refused.diagnosis().code()).isEqualTo("BRIDGE_NOT_THE_AGENTS_USER");
            assertThat(refused.diagnosis().cause()).contains("'mailer'",
                    stranger.username() != null ? stranger.username() : stranger.objectId().toString());
            assertThat(refused.diagnosis().remedy()).contains("agents.mailer.agentUsers");
        }
        assertThat(asked).isEmpty();
        assertThat(audit).hasSize(3);
        JsonNode line = JSON.readTree(audit.get(0));
        assertThat(line.get("outcome").asText()).isEqualTo("refused");
        assertThat(line.get("diagnosisCode").asText()).isEqualTo("BRIDGE_NOT_THE_AGENTS_USER");
    }

    @Test
    void anUnknownAgentIsRefusedByThePolicyFirstExactlyAsAConfiguredAgentTheCallerIsNotGranted() {
        IssuanceRefused unknown = catchThrowableOfType(IssuanceRefused.class,
                () -> issuance.issue(request("no-such-agent", AgentUser.byUsername(PERSON_UPN))));
        IssuanceRefused notGranted = catchThrowableOfType(IssuanceRefused.class,
                () -> issuance.issue(request("hr", AgentUser.byUsername(PERSON_UPN))));

        assertThat(unknown.httpStatus()).isEqualTo(403);
        assertThat(unknown.diagnosis().code()).isEqualTo("POLICY_DENIED");
        // Nothing tells the caller whether the agent exists: the two refusals differ only by the name asked for.
        assertThat(unknown.diagnosis().cause().replace("no-such-agent", "?"))
                .isEqualTo(notGranted.diagnosis().cause().replace("hr", "?"));
        assertThat(unknown.diagnosis().remedy().replace("no-such-agent", "?"))
                .isEqualTo(notGranted.diagnosis().remedy().replace("hr", "?"));
        assertThat(asked).isEmpty();
    }

    private static IssueRequest request(String agent, AgentUser user) {
        return IssueRequest.from(Caller.loopback("127.0.0.1")).agent(agent).api("graph").agentUser(user).build();
    }

    private static String resource(String name) {
        try (InputStream in = AgentUserBindingTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
