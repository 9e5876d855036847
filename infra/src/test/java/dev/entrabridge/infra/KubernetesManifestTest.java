package dev.entrabridge.infra;

import dev.entrabridge.config.BridgeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent pod manifest: valid against the Kubernetes API's schemas (npm kubernetes-models, offline), the
 * sidecar pattern's security properties, and a sidecar environment the code reads and accepts.
 */
class KubernetesManifestTest {

    private static final CodeSettings SIDECAR_SETTINGS = CodeSettings.of("dev/entrabridge/sidecar");

    @TempDir
    Path dir;

    private InfraTool.Outcome validate(Path manifest) throws Exception {
        InfraTool.NODE_TOOLS.require();
        Path objects = Files.writeString(dir.resolve("objects.json"),
                Templates.JSON.writeValueAsString(Templates.yamlDocuments(manifest)));
        return InfraTool.run(List.of("node", Repository.tools().resolve("k8s-validate.mjs").toString(), objects.toString()),
                Repository.tools());
    }

    @Test
    void everyObjectIsValidAgainstTheKubernetesSchemas() throws Exception {
        InfraTool.Outcome o = validate(Repository.kubernetesManifest());

        assertThat(o.exit()).as(o.both()).isZero();
        assertThat(Templates.json(o.out()).findValuesAsText("kind")).containsExactly("ServiceAccount", "ConfigMap", "Deployment");
    }

    @Test
    void aFieldOfTheWrongTypeFails() throws Exception {
        Path copy = Templates.brokenCopy(Repository.kubernetesManifest(), dir.resolve("broken"), "containerPort: 7000",
                "containerPort: seven-thousand");

        InfraTool.Outcome o = validate(copy);

        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.out()).contains("initContainers/0/ports/0/containerPort must be integer");
    }

    @Test
    void theSidecarIsLoopbackOnlyNonRootReadOnlyAndUsesTheProjectedEntraToken() {
        KubernetesManifest manifest = KubernetesManifest.read(Repository.kubernetesManifest());

        assertThat(manifest.problems()).isEmpty();
        assertThat(manifest.sidecar().path("restartPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void aWritableRootAndAnotherAudienceAreFound() {
        Path copy = Templates.brokenCopy(Repository.kubernetesManifest(), dir, "audience: api://AzureADTokenExchange",
                "audience: https://kubernetes.default.svc");
        Path copy2 = Templates.brokenCopy(copy, dir.resolve("2"), "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");

        assertThat(KubernetesManifest.read(copy2).problems()).containsExactly(
                "the sidecar's root filesystem is writable (set readOnlyRootFilesystem: true)",
                "the projected token's audience is \"https://kubernetes.default.svc\", not api://AzureADTokenExchange");
    }

    @Test
    void everySidecarSettingIsOneTheCodeReadsAndTheCoreAcceptsThem() throws Exception {
        KubernetesManifest manifest = KubernetesManifest.read(Repository.kubernetesManifest());
        Map<String, String> env = new java.util.LinkedHashMap<>(manifest.sidecarEnvironment());
        // The kubelet writes the projected token there; here a file stands in for it.
        env.put("AZURE_FEDERATED_TOKEN_FILE", Files.writeString(dir.resolve("token"), "x.y.z").toString());

        assertThat(env.keySet()).allSatisfy(name -> assertThat(SIDECAR_SETTINGS.reads(name)).as(name).isTrue());
        BridgeConfig config = BridgeConfig.fromEnvironment(env);
        assertThat(config.credential().kind().configName()).isEqualTo("token-file");
        assertThat(config.agents()).containsOnlyKeys("mail-agent");
    }

    @Test
    void theProbeIsTheSidecarJarsProbeCommandAtThePathTheImageInstallsItTo() throws Exception {
        KubernetesManifest manifest = KubernetesManifest.read(Repository.kubernetesManifest());
        List<String> command = Templates.JSON.convertValue(manifest.sidecar().path("livenessProbe").path("exec").path("command"),
                Templates.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        Matcher copy = Pattern.compile("COPY --from=build \\S+ (\\S+\\.jar)")
                .matcher(Files.readString(Repository.root().resolve("sidecar/Dockerfile")));

        assertThat(copy.find()).isTrue();
        assertThat(command).containsSubsequence("-jar", copy.group(1), "probe", "--port", "7000");
        assertThat(Class.forName("dev.entrabridge.sidecar.ProbeCommand").getMethod("run", String[].class,
                java.io.PrintStream.class, java.io.PrintStream.class)).isNotNull();
    }
}
