package dev.entrabridge.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the templates, the tools folder and the code they describe are: the repository root comes from
 * Maven ({@code infra.repository.root}), else the working directory's parent (a test run from {@code infra/}).
 */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("infra.repository.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent()).normalize();
        if (!Files.isRegularFile(root.resolve("infra/aws/template.yaml"))) {
            throw new IllegalStateException(root + " is not the repository root (no infra/aws/template.yaml)");
        }
        return root;
    }

    static Path infra() {
        return root().resolve("infra");
    }

    static Path samTemplate() {
        return infra().resolve("aws/template.yaml");
    }

    static Path bicepTemplate() {
        return infra().resolve("azure/main.bicep");
    }

    static Path kubernetesManifest() {
        return infra().resolve("kubernetes/agent-pod.yaml");
    }

    static Path tools() {
        return infra().resolve("tools");
    }

    /**
     * ARM's schemas, read in place beside the repository ({@code ../shared/schemas/arm} from the root) and
     * never copied into it; empty where that folder is not laid out.
     */
    static Optional<Path> armSchemas() {
        // A worktree that does not sit beside shared/ can point at it (-Dinfra.arm.schemas=…).
        String elsewhere = System.getProperty("infra.arm.schemas");
        Path arm = elsewhere != null ? Path.of(elsewhere) : root().resolve("../shared/schemas/arm").normalize();
        return Files.isDirectory(arm.resolve("common")) ? Optional.of(arm) : Optional.empty();
    }
}
