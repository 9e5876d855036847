package dev.entrabridge.infra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cfn-lint} (which applies the SAM transform itself) on the template: clean, and failing on a wrong
 * property name and on a reference to nothing.
 */
class SamTemplateLintTest {

    @TempDir
    Path broken;

    /** Per test, so a report lists each validation a missing tool kept from running. */
    @BeforeEach
    void cfnLint() {
        InfraTool.CFN_LINT.require();
    }

    private static InfraTool.Outcome lint(Path template) {
        return InfraTool.run(List.of("cfn-lint", "--", template.toString()), Repository.infra());
    }

    @Test
    void theTemplateHasNoFinding() {
        InfraTool.Outcome o = lint(Repository.samTemplate());

        assertThat(o.exit()).as(o.both()).isZero();
        assertThat(o.both()).isBlank();
    }

    @Test
    void aWrongPropertyNameFails() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken, "Statistic: Maximum", "Statistics: Maximum");

        InfraTool.Outcome o = lint(copy);

        assertThat(o.exit() & 2).as("cfn-lint's error bit, " + o.both()).isEqualTo(2);
        assertThat(o.out()).contains("E3002", "'Statistics' was unexpected");
    }

    @Test
    void aDanglingRefFails() {
        Path copy = Templates.brokenCopy(Repository.samTemplate(), broken, "Value: !Ref HealthFunction\n",
                "Value: !Ref HealthFunctions\n");

        InfraTool.Outcome o = lint(copy);

        assertThat(o.exit() & 2).as("cfn-lint's error bit, " + o.both()).isEqualTo(2);
        assertThat(o.out()).contains("E1020", "'HealthFunctions' is not one of");
    }
}
