package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SAM template as CloudFormation receives it: translated offline by {@code aws-sam-translator}, then the
 * generated resources asserted on (the Function URL on the alias, SnapStart on published versions, the
 * Scheduler schedule of the health alias, the alarm, the Bedrock agent on the alias with the repository's
 * schemas and its invoke permission) and the execution roles held to their one action.
 */
class SamTranslationTest {

    private static JsonNode cloudFormation;

    @TempDir
    Path broken;

    /** Per test, so a report lists each validation a missing translator kept from running; translated once. */
    @BeforeEach
    void translate() {
        InfraTool.SAM_TRANSLATOR.require();
        if (cloudFormation == null) {
            cloudFormation = translate(Repository.samTemplate());
        }
    }

    static JsonNode translate(Path template) {
        InfraTool.Outcome o = InfraTool.run(List.of("python3", Repository.tools().resolve("sam-translate.py").toString(),
                template.toString()), Repository.infra());
        assertThat(o.exit()).as(o.err()).isZero();
        return Templates.json(o.out());
    }

    private static JsonNode resource(String id) {
        JsonNode r = cloudFormation.path("Resources").path(id);
        assertThat(r.isMissingNode()).as("resource " + id).isFalse();
        return r;
    }

    private static String aliasOf(String function) {
        List<String> aliases = new ArrayList<>();
        cloudFormation.path("Resources").properties().forEach(e -> {
            JsonNode p = e.getValue().path("Properties");
            if (e.getValue().path("Type").asText().equals("AWS::Lambda::Alias")
                    && p.path("FunctionName").path("Ref").asText().equals(function)) {
                aliases.add(e.getKey());
            }
        });
        assertThat(aliases).as("aliases of " + function).hasSize(1);
        return aliases.get(0);
    }

    @Test
    void theFunctionUrlIsOnTheTokenFunctionsAliasWithIamAuthentication() {
        JsonNode url = resource("TokenFunctionUrl");

        assertThat(url.path("Type").asText()).isEqualTo("AWS::Lambda::Url");
        assertThat(url.path("Properties").path("AuthType").asText()).isEqualTo("AWS_IAM");
        assertThat(url.path("Properties").path("TargetFunctionArn").path("Ref").asText()).isEqualTo(aliasOf("TokenFunction"));
        assertThat(resource(aliasOf("TokenFunction")).path("Properties").path("Name").asText()).isEqualTo("live");
    }

    @Test
    void everyFunctionRunsJava21WithSnapStartOnPublishedVersions() {
        for (String function : List.of("BedrockActionsFunction", "TokenFunction", "HealthFunction")) {
            JsonNode p = resource(function).path("Properties");

            assertThat(p.path("Runtime").asText()).as(function).isEqualTo("java21");
            assertThat(p.path("SnapStart").path("ApplyOn").asText()).as(function).isEqualTo("PublishedVersions");
            assertThat(resource(aliasOf(function)).path("Properties").path("FunctionVersion").path("Fn::GetAtt").path(1).asText())
                    .as(function).isEqualTo("Version");
            assertThat(p.path("LoggingConfig").path("LogGroup").path("Ref").asText()).as(function).endsWith("LogGroup");
        }
    }

    @Test
    void theHealthCheckRunsOnASchedulerScheduleOfItsAliasWithoutRetries() {
        JsonNode schedule = cloudFormation.path("Resources").properties().stream()
                .filter(e -> e.getValue().path("Type").asText().equals("AWS::Scheduler::Schedule"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        JsonNode target = schedule.path("Properties").path("Target");

        assertThat(target.path("Arn").path("Ref").asText()).isEqualTo(aliasOf("HealthFunction"));
        assertThat(schedule.path("Properties").path("ScheduleExpression").path("Ref").asText()).isEqualTo("HealthSchedule");
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt(-1)).isZero();
        assertThat(cloudFormation.path("Parameters").path("HealthSchedule").path("Default").asText()).isEqualTo("rate(15 minutes)");
    }

    @Test
    void theAlarmWatchesTheOverallCheckOfTheHealthFunctionsMetric() {
        JsonNode alarm = resource("HealthAlarm").path("Properties");

        assertThat(alarm.path("Namespace").asText()).isEqualTo("EntraAgentBridge");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("CheckFailed");
        assertThat(alarm.path("Dimensions").findValuesAsText("Name")).containsExactly("Service", "Check");
        assertThat(alarm.path("Dimensions").get(0).path("Value").path("Ref").asText()).isEqualTo("HealthFunction");
        assertThat(alarm.path("Dimensions").get(1).path("Value").asText()).isEqualTo("overall");
        assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(resource("HealthAlarmTopic").path("Condition").asText()).isEqualTo("HasAlarmEmail");
    }

    @Test
    void theExecutionRolesMayOnlyMintTheEntraTokenAndWriteTheirOwnLogs() {
        assertThat(LambdaRoleCheck.problems(cloudFormation)).isEmpty();
        for (String role : List.of("BedrockActionsRole", "TokenFunctionRole", "HealthRole")) {
            assertThat(resource(role).path("Properties").path("Policies").findValuesAsText("Action"))
                    .as(role).contains("sts:GetWebIdentityToken");
        }
    }

    @Test
    void anIamActionOtherThanGetWebIdentityTokenIsRefused() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken, "Action: sts:GetWebIdentityToken\n",
                "Action: [sts:GetWebIdentityToken, sts:AssumeRole]\n");

        List<String> problems = LambdaRoleCheck.problems(translate(copy));

        assertThat(problems).containsExactly("BedrockActionsRole: allows [sts:GetWebIdentityToken, sts:AssumeRole] (only "
                + "sts:GetWebIdentityToken and its own logs are allowed)", "BedrockActionsRole: has 0 sts:GetWebIdentityToken "
                + "statements, not exactly one");
    }

    @Test
    void aTokenStatementWithoutItsConditionsIsRefused() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken, "                  NumericLessThanEquals:\n"
                + "                    sts:DurationSeconds: 300\n", "");

        assertThat(LambdaRoleCheck.problems(translate(copy))).containsExactly(
                "BedrockActionsRole: condition NumericLessThanEquals sts:DurationSeconds is missing, expected 300");
    }

    @Test
    void theBedrockAgentCallsTheAliasWithTheRepositorysActionGroupSchemas() throws Exception {
        JsonNode agent = resource("BedrockAgent");
        JsonNode choice = agent.path("Properties").path("ActionGroups").get(0).path("Fn::If");
        JsonNode openApi = choice.get(1);
        JsonNode functions = choice.get(2);
        String alias = aliasOf("BedrockActionsFunction");

        assertThat(agent.path("Condition").asText()).isEqualTo("CreateAgent");
        assertThat(choice.get(0).asText()).isEqualTo("UseOpenApiSchema");
        assertThat(openApi.path("ActionGroupExecutor").path("Lambda").path("Ref").asText()).isEqualTo(alias);
        assertThat(functions.path("ActionGroupExecutor").path("Lambda").path("Ref").asText()).isEqualTo(alias);
        assertThat(Templates.json(openApi.path("ApiSchema").path("Payload").asText()))
                .isEqualTo(Templates.json(Templates.read(Repository.infra().resolve("aws/bedrock-openapi.json"))));
        assertThat(functions.path("FunctionSchema").path("Functions")).isEqualTo(cloudFormationFunctions(
                Templates.json(Templates.read(Repository.infra().resolve("aws/bedrock-functions.json")))));
        for (String permission : List.of("CreatedAgentInvokePermission", "ExistingAgentInvokePermission")) {
            JsonNode p = resource(permission).path("Properties");
            assertThat(p.path("Principal").asText()).isEqualTo("bedrock.amazonaws.com");
            assertThat(p.path("FunctionName").path("Ref").asText()).isEqualTo(alias);
            assertThat(p.path("SourceAccount").path("Ref").asText()).isEqualTo("AWS::AccountId");
            assertThat(p.path("SourceArn").isMissingNode()).isFalse();
        }
        assertThat(resource("CreatedAgentInvokePermission").path("Properties").path("SourceArn").path("Fn::GetAtt"))
                .hasToString("[\"BedrockAgent\",\"AgentArn\"]");
    }

    /** The function-details file as CloudFormation spells it: the same keys in PascalCase, booleans kept. */
    private static JsonNode cloudFormationFunctions(JsonNode file) {
        ArrayNode out = Templates.JSON.createArrayNode();
        for (JsonNode f : file.path("functions")) {
            ObjectNode cf = out.addObject();
            cf.put("Name", f.path("name").asText());
            cf.put("Description", f.path("description").asText());
            cf.put("RequireConfirmation", f.path("requireConfirmation").asText());
            ObjectNode parameters = cf.putObject("Parameters");
            f.path("parameters").properties().forEach(p -> parameters.putObject(p.getKey())
                    .put("Type", p.getValue().path("type").asText())
                    .put("Required", p.getValue().path("required").asBoolean())
                    .put("Description", p.getValue().path("description").asText()));
        }
        return out;
    }
}
