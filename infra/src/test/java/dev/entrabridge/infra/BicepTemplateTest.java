package dev.entrabridge.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Bicep template parsed by tree-sitter-bicep with the symbol check: clean, and failing on each kind of break. */
class BicepTemplateTest {

    @TempDir
    Path broken;

    @Test
    void parsesAndEverySymbolAndFunctionResolves() {
        BicepTemplate template = BicepTemplate.read(Repository.bicepTemplate());

        assertThat(template.syntaxErrors()).isEmpty();
        assertThat(template.symbolErrors()).isEmpty();
        assertThat(template.clean()).isTrue();
        assertThat(template.resources()).extracting(r -> r.path("symbol").asText()).contains("identity", "storage", "plan",
                "app", "insights", "healthAlert");
    }

    @Test
    void aSyntaxErrorFails() {
        Path copy = Templates.brokenCopy(Repository.bicepTemplate(), broken, "resource plan 'Microsoft.Web",
                "resource plan = 'Microsoft.Web");

        BicepTemplate template = BicepTemplate.read(copy);

        assertThat(template.clean()).isFalse();
        assertThat(template.syntaxErrors()).isNotEmpty();
    }

    @Test
    void aReferenceToNothingAndAFunctionBicepLacksFail() {
        Path copy = Templates.brokenCopy(Templates.brokenCopy(Repository.bicepTemplate(), broken.resolve("1"),
                "value: storage.name", "value: storge.name"), broken.resolve("2"), "toLower(", "toLowr(");

        BicepTemplate template = BicepTemplate.read(copy);

        assertThat(template.clean()).isFalse();
        assertThat(template.symbolErrors()).hasSize(2).anyMatch(e -> e.endsWith("'storge' is not declared"))
                .anyMatch(e -> e.endsWith("'toLowr' is not a Bicep function"));
    }
}
