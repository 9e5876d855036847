package dev.entrabridge.config;

import dev.entrabridge.token.AgentUser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each agent lists its own agent users, by object id and/or UPN, in the environment or the file. */
class AgentUsersTest {

    private static final String AGENT = "a9e17001-0000-4000-8000-0000000a9e17";
    private static final String OID = "a9e10000-0000-4000-8000-000000000013";
    private static final String UPN = "mailer-agent@contoso.onmicrosoft.com";

    @Test
    void theEnvironmentListsAgentUsersAfterTheAppIdAndKeepsTheSingleUserForm() {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_AGENTS", "mailer=" + AGENT + ":" + OID + ":" + UPN + ",old=" + AGENT.replace('1', '2') + ":" + UPN
                + ",none=" + AGENT.replace('1', '3'));

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.agents().get("mailer").agentUsers())
                .containsExactly(AgentUser.byObjectId(UUID.fromString(OID)), AgentUser.byUsername(UPN));
        assertThat(config.agents().get("old").agentUsers()).containsExactly(AgentUser.byUsername(UPN));
        assertThat(config.agents().get("none").agentUsers()).isEmpty();
    }

    @Test
    void theFileListsAgentUsersAndStillReadsAgentUserIdAndAgentUsername() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BRIDGE_CONFIG_FILE", Path.of(getClass().getResource("/config/agent-users.json").toURI()).toString());

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.agents().get("mailer").agentUsers())
                .containsExactly(AgentUser.byObjectId(UUID.fromString(OID)), AgentUser.byUsername(UPN));
        assertThat(config.agents().get("legacy").agentUsers()).containsExactly(
                AgentUser.byObjectId(UUID.fromString("a9e10000-0000-4000-8000-000000000014")),
                AgentUser.byUsername("calendar-agent@contoso.onmicrosoft.com"));
        assertThat(config.agents().get("plain").agentUsers()).isEmpty();
    }

    @Test
    void anAgentActsAsItsOwnUsersOnlyMatchingObjectIdsExactlyAndUpnsWithoutCase() {
        AgentDefinition mailer = new AgentDefinition("mailer", AGENT,
                java.util.List.of(AgentUser.byObjectId(UUID.fromString(OID)), AgentUser.byUsername(UPN)), java.util.List.of());

        assertThat(mailer.actsAs(AgentUser.byObjectId(UUID.fromString(OID)))).isTrue();
        assertThat(mailer.actsAs(AgentUser.byUsername("Mailer-Agent@Contoso.onmicrosoft.com"))).isTrue();
        assertThat(mailer.actsAs(AgentUser.byUsername("alice@contoso.onmicrosoft.com"))).isFalse();
        assertThat(mailer.actsAs(AgentUser.byObjectId(UUID.fromString("a11ce000-0000-4000-8000-0000000a11ce")))).isFalse();
        assertThat(new AgentDefinition("plain", AGENT, java.util.Optional.empty()).actsAs(AgentUser.byUsername(UPN))).isFalse();
    }

    @Test
    void aMistakeNamesTheVariableAndWhatToWrite() {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_AGENTS", "mailer=" + AGENT + ":not a user");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BRIDGE_AGENTS")
                .hasMessageContaining("object id (GUID) or its UPN");

        env.put("BRIDGE_AGENTS", "mailer=" + AGENT + ":" + UPN + ":" + UPN.toUpperCase(java.util.Locale.ROOT));
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env)).hasMessageContaining("twice");

        env.put("BRIDGE_AGENTS", "mailer=" + AGENT + ":");
        assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env)).hasMessageContaining("names the agent user ''");
    }
}
