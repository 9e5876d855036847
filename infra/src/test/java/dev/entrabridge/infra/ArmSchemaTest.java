package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each resource of the Bicep template against ARM's own schema for its {@code type@apiVersion}, read in place from
 * {@code ../shared/schemas/arm} (skipped, saying so, where that folder is not beside the repository).
 */
class ArmSchemaTest {

    private static ArmSchemas arm;

    @TempDir
    Path broken;

    /** Each test is skipped on its own, with the reason, so a report shows every validation that did not run. */
    @BeforeEach
    void schemas() {
        Assumptions.assumeTrue(Repository.armSchemas().isPresent(), "ARM's schemas are not at ../shared/schemas/arm beside "
                + "the repository, so the Bicep bodies were not validated against them");
        if (arm == null) {
            arm = new ArmSchemas(Repository.armSchemas().get());
        }
    }

    /** A Bicep resource as ARM receives it: its type, API version and body; a child's name under its parent's. */
    static ObjectNode armResource(JsonNode bicepResource) {
        ObjectNode r = Templates.JSON.createObjectNode();
        r.put("type", bicepResource.path("type").asText());
        r.put("apiVersion", bicepResource.path("apiVersion").asText());
        r.setAll((ObjectNode) bicepResource.path("body").deepCopy());
        String name = r.path("name").asText();
        if (!bicepResource.path("parent").isNull() && !name.startsWith("[")) {
            r.put("name", bicepResource.path("parent").asText() + "/" + name);
        }
        return r;
    }

    private static List<String> problems(BicepTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resources().forEach(r -> problems.addAll(arm.problems(armResource(r))));
        return problems;
    }

    @Test
    void everyResourceIsATypeAndApiVersionArmDefinesAndItsBodyValidates() {
        BicepTemplate template = BicepTemplate.read(Repository.bicepTemplate());

        assertThat(problems(template)).isEmpty();
        assertThat(template.resources()).allSatisfy(r -> assertThat(arm.definition(r.path("type").asText(),
                r.path("apiVersion").asText())).as(r.path("symbol").asText()).isPresent());
    }

    @Test
    void aPropertyNotInArmsSchemaFails() {
        Path copy = Templates.brokenCopy(Repository.bicepTemplate(), broken, "allowSharedKeyAccess: false",
                "allowSharedKeysAccess: false");

        assertThat(problems(BicepTemplate.read(copy))).singleElement().asString()
                .startsWith("Microsoft.Storage/storageAccounts@2023-05-01 ").contains("allowSharedKeysAccess");
    }

    @Test
    void aValueOfTheWrongKindFails() {
        Path copy = Templates.brokenCopy(Repository.bicepTemplate(), broken, "tier: 'FlexConsumption'", "tier: 42");

        assertThat(problems(BicepTemplate.read(copy))).isNotEmpty()
                .allMatch(p -> p.startsWith("Microsoft.Web/serverfarms@2024-04-01 "));
    }

    @Test
    void anApiVersionArmDoesNotDefineFails() {
        Path copy = Templates.brokenCopy(Repository.bicepTemplate(), broken, "userAssignedIdentities@2023-01-31",
                "userAssignedIdentities@2023-01-30");

        assertThat(problems(BicepTemplate.read(copy))).containsExactly("Microsoft.ManagedIdentity/userAssignedIdentities"
                + "@2023-01-30 is no resource type and API version of ARM's schemas");
    }
}
