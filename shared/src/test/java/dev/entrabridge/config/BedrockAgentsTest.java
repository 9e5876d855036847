package dev.entrabridge.config;

import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.policy.PolicyConfigException;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which Bedrock agents act as which configured agent: {@code BRIDGE_BEDROCK_AGENTS} or the file's {@code bedrockAgents}. */
class BedrockAgentsTest {

    private static Map<String, String> env() {
        Map<String, String> env = BridgeConfigTest.minimal();
        env.put("BRIDGE_AGENTS", "helpdesk=33333333-3333-3333-3333-333333333333,mailer=44444444-4444-4444-4444-444444444444");
        return env;
    }

    private static Optional<String> agentFor(BridgeConfig config, String id, String alias) {
        return config.bedrockAgents().find(id, Optional.ofNullable(alias)).map(AgentDefinition::name);
    }

    @Test
    void theVariableMapsBedrockAgentsAndAliasesToAgents() {
        Map<String, String> env = env();
        env.put("BRIDGE_BEDROCK_AGENTS", "helpdesk=HELPDESK01, mailer=MAILER0001:TSTALIASID ,helpdesk=MAILER0001");

        BridgeConfig config = BridgeConfig.fromEnvironment(env);

        assertThat(config.agents().get("helpdesk").bedrockAgents()).containsExactly(BedrockAgent.anyAlias("HELPDESK01"),
                BedrockAgent.anyAlias("MAILER0001"));
        assertThat(agentFor(config, "HELPDESK01", "LIVEALIAS1")).contains("helpdesk");
        assertThat(agentFor(config, "MAILER0001", "TSTALIASID")).contains("mailer");
        assertThat(agentFor(config, "MAILER0001", "LIVEALIAS1")).contains("helpdesk");
        assertThat(agentFor(config, "UNKNOWN001", null)).isEmpty();
    }

    @Test
    void theFileNamesThemPerAgentAndTheVariableReplacesThem() throws URISyntaxException {
        Map<String, String> env = new HashMap<>();
        env.put("BRIDGE_CONFIG_FILE", Path.of(BedrockAgentsTest.class.getResource("/config/bedrock-agents.json").toURI())
                .toString());

        BridgeConfig fromFile = BridgeConfig.fromEnvironment(env);
        env.put("BRIDGE_BEDROCK_AGENTS", "mailer=HELPDESK01");
        BridgeConfig replaced = BridgeConfig.fromEnvironment(env);

        assertThat(fromFile.agents().get("helpdesk").bedrockAgents()).containsExactly(BedrockAgent.anyAlias("HELPDESK01"),
                new BedrockAgent("HELPDESK02", Optional.of("TSTALIASID")));
        assertThat(agentFor(fromFile, "HELPDESK02", "TSTALIASID")).contains("helpdesk");
        assertThat(agentFor(fromFile, "HELPDESK02", "LIVEALIAS1")).isEmpty();
        assertThat(agentFor(replaced, "HELPDESK01", null)).contains("mailer");
        assertThat(replaced.agents().get("helpdesk").bedrockAgents()).isEmpty();
    }

    @Test
    void badMappingsNameTheVariableAndWhatToWrite() {
        List<String[]> cases = List.of(
                new String[] {"helpdesk", "write each mapping as <agent name>=<Bedrock agent id>[:<alias id>]"},
                new String[] {"nobody=HELPDESK01", "names the agent 'nobody', which is not configured"},
                new String[] {"helpdesk=agent-1", "is not a Bedrock agent id"},
                new String[] {"helpdesk=HELPDESK01:alias", "is not a Bedrock agent alias id"},
                new String[] {"helpdesk=HELPDESK01,mailer=HELPDESK01", "to both 'helpdesk' and 'mailer'"});
        for (String[] c : cases) {
            Map<String, String> env = env();
            env.put("BRIDGE_BEDROCK_AGENTS", c[0]);
            assertThatThrownBy(() -> BridgeConfig.fromEnvironment(env)).as(c[0])
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("BRIDGE_BEDROCK_AGENTS")
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void anInvalidPolicyIsAConfigurationErrorNamingBridgePolicy() {
        assertThatThrownBy(() -> CallerPolicy.fromJson("{\"rules\":[{\"name\":\"x\"}]}"))
                .isInstanceOf(ConfigException.class)
                .isInstanceOf(PolicyConfigException.class)
                .hasMessageStartingWith("BRIDGE_POLICY rules[0]")
                .extracting(e -> ((ConfigException) e).variable()).isEqualTo("BRIDGE_POLICY");
    }
}
