package dev.entrabridge.infra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code yamllint} with {@code infra/.yamllint.yaml} on every YAML template: clean, and failing on a duplicated key. */
class YamlLintTest {

    @TempDir
    Path broken;

    /** Per test, so a report lists each validation a missing tool kept from running. */
    @BeforeEach
    void yamllint() {
        InfraTool.YAMLLINT.require();
    }

    private static InfraTool.Outcome lint(Path... files) {
        List<String> command = new java.util.ArrayList<>(List.of("yamllint", "--strict", "-f", "parsable", "-c",
                Repository.infra().resolve(".yamllint.yaml").toString()));
        for (Path f : files) {
            command.add(f.toString());
        }
        return InfraTool.run(command, Repository.infra());
    }

    @Test
    void theTemplatesAreClean() {
        InfraTool.Outcome o = lint(Repository.samTemplate(), Repository.kubernetesManifest());

        assertThat(o.exit()).as(o.both()).isZero();
        assertThat(o.out()).isBlank();
    }

    @Test
    void aDuplicatedKeyFails() {
        Path copy = Templates.brokenCopy(Repository.kubernetesManifest(), broken, "          restartPolicy: Always\n",
                "          restartPolicy: Always\n          restartPolicy: Never\n");

        InfraTool.Outcome o = lint(copy);

        assertThat(o.exit()).isNotZero();
        assertThat(o.out()).contains("duplication of key \"restartPolicy\"", "(key-duplicates)");
    }
}
