package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.config.BridgeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SAM template against the code it deploys: handlers that exist, variables the code reads, values the
 * core's configuration reader accepts, the deployment package the Lambda module builds, and the action
 * group's schema files.
 */
class SamTemplateCodeTest {

    private static final CodeSettings LAMBDA_SETTINGS = CodeSettings.of("dev/entrabridge/lambda");
    /** What an operator answers for the parameters without a default. */
    private static final Map<String, String> ANSWERS = Map.of(
            "EntraTenantId", "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a",
            "EntraBlueprintClientId", "b1e9c0de-0000-4000-8000-00000000b1e9",
            "BridgeAgents", "mail-agent=a9e17001-0000-4000-8000-0000000a9e17");

    @TempDir
    Path broken;

    @Test
    void everyHandlerIsAPublicMethodOfAClassInTheDeploymentPackage() {
        SamTemplate template = SamTemplate.read(Repository.samTemplate());

        assertThat(template.handlerProblems()).isEmpty();
        assertThat(template.functions()).hasSize(3);
    }

    @Test
    void aHandlerThatDoesNotExistIsFound() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken,
                "Handler: dev.entrabridge.lambda.TokenFunctionUrlHandler::handleRequest",
                "Handler: dev.entrabridge.lambda.TokenFunctionHandler::handleRequest");

        assertThat(SamTemplate.read(copy).handlerProblems()).containsExactly(
                "TokenFunction: Handler class dev.entrabridge.lambda.TokenFunctionHandler is not in the deployment package");
    }

    @Test
    void aHandlerMethodThatDoesNotExistIsFound() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken,
                "ScheduledHealthHandler::handleRequest", "ScheduledHealthHandler::handle");

        assertThat(SamTemplate.read(copy).handlerProblems()).containsExactly(
                "HealthFunction: dev.entrabridge.lambda.ScheduledHealthHandler has no public method handle");
    }

    @Test
    void everyVariableIsOneTheCodeReads() {
        assertThat(SamTemplate.read(Repository.samTemplate()).unreadSettings(LAMBDA_SETTINGS)).isEmpty();
    }

    @Test
    void aVariableTheCodeNeverReadsIsFound() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken,
                "BRIDGE_GRAPH_SEND_MAIL: !Ref GraphSendMail", "BRIDGE_GRAPH_SENDMAIL: !Ref GraphSendMail");

        assertThat(SamTemplate.read(copy).unreadSettings(LAMBDA_SETTINGS)).containsExactly(
                "BedrockActionsFunction: BRIDGE_GRAPH_SENDMAIL is read by no code of the deployment package");
    }

    @Test
    void eachFunctionsEnvironmentIsAConfigurationTheCoreAccepts() {
        SamTemplate template = SamTemplate.read(Repository.samTemplate());

        for (String function : template.functions().keySet()) {
            Map<String, String> env = new LinkedHashMap<>(template.resolvedEnvironment(function, ANSWERS));
            // What Lambda itself sets in every execution environment.
            env.put("AWS_LAMBDA_FUNCTION_NAME", "stack-" + function);
            env.put("AWS_REGION", "eu-west-1");

            BridgeConfig config = BridgeConfig.fromEnvironment(env);

            assertThat(config.credential().kind().configName()).as(function).isEqualTo("aws-sts");
            assertThat(config.agents()).as(function).containsKey("mail-agent");
            assertThat(config.api("graph")).as(function).isPresent();
        }
    }

    @Test
    void theCodeUriIsThePackageTheLambdaModuleBuilds() throws Exception {
        SamTemplate template = SamTemplate.read(Repository.samTemplate());
        String codeUri = template.root().path("Globals").path("Function").path("CodeUri").asText();
        Path jar = Repository.samTemplate().getParent().resolve(codeUri).normalize();
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>")
                .matcher(Files.readString(Repository.root().resolve("functions-aws/pom.xml")));

        assertThat(finalName.find()).isTrue();
        assertThat(jar).isEqualTo(Repository.root().resolve("functions-aws/target/" + finalName.group(1) + ".jar"));
        if (Files.isRegularFile(jar)) {
            // Present when the reactor packaged functions-aws before this module (mvn verify): the handlers are in it.
            try (JarFile packaged = new JarFile(jar.toFile())) {
                for (JsonNode function : template.functions().values()) {
                    String type = function.path("Handler").asText().split("::")[0];
                    assertThat(packaged.getEntry(type.replace('.', '/') + ".class")).as(type).isNotNull();
                }
            }
        }
    }

    @Test
    void theActionGroupSchemaFilesExistAndAreJson() throws Exception {
        for (String schema : new String[] {"bedrock-openapi.json", "bedrock-functions.json"}) {
            Path file = Repository.infra().resolve("aws").resolve(schema);

            assertThat(file).isRegularFile();
            assertThat(Templates.json(Files.readString(file)).isObject()).isTrue();
        }
    }
}
