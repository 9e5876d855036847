package dev.entrabridge.infra;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An external validator the tests run (cfn-lint, the SAM translator, yamllint, node with the tools folder's
 * packages). Where one is missing a test is skipped with a message saying how to get it, never passed: and
 * with {@code INFRA_TOOLS_REQUIRED=1} (what {@code .ci/run} exports) the skip becomes a failure, so CI cannot
 * go green without running every validation.
 */
enum InfraTool {

    CFN_LINT("cfn-lint", List.of("cfn-lint", "--version"),
            "cfn-lint 1.51.0 is preinstalled on the project's machine image (elsewhere: pip install cfn-lint==1.51.0)"),
    SAM_TRANSLATOR("the SAM translator", List.of("python3", "-c", "import samtranslator"),
            "aws-sam-translator 1.110.0 is preinstalled on the project's machine image (elsewhere: "
                    + "pip install aws-sam-translator==1.110.0)"),
    YAMLLINT("yamllint", List.of("yamllint", "--version"), ".ci/run installs it: apt-get install -y yamllint"),
    NODE_TOOLS("node with infra/tools' packages", List.of("node", "--version"),
            ".ci/run installs them: npm ci --prefix infra/tools --ignore-scripts (Node 20 is on the machine image)") {
        @Override
        boolean present() {
            return super.present() && Files.isDirectory(Repository.tools().resolve("node_modules/web-tree-sitter"))
                    && Files.isDirectory(Repository.tools().resolve("node_modules/tree-sitter-bicep"))
                    && Files.isDirectory(Repository.tools().resolve("node_modules/kubernetes-models"));
        }
    };

    /** Set by {@code .ci/run}: a missing tool fails the build instead of skipping its tests. */
    static final String REQUIRED = "INFRA_TOOLS_REQUIRED";
    private static final Map<InfraTool, Boolean> PRESENT = new ConcurrentHashMap<>();
    private static final long TIMEOUT_SECONDS = 120;

    private final String label;
    private final List<String> probe;
    private final String howToGet;

    InfraTool(String label, List<String> probe, String howToGet) {
        this.label = label;
        this.probe = probe;
        this.howToGet = howToGet;
    }

    /** Skips the calling test (or fails it under {@value #REQUIRED}) when the tool is not there. */
    void require() {
        if (PRESENT.computeIfAbsent(this, InfraTool::present)) {
            return;
        }
        String message = label + " is not available, so this validation did not run: " + howToGet;
        if ("1".equals(System.getenv(REQUIRED))) {
            Assertions.fail(message + " (" + REQUIRED + "=1 makes a missing tool a failure)");
        }
        Assumptions.abort(message);
    }

    boolean present() {
        try {
            return run(probe, Repository.infra()).exit() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** What a tool printed and how it ended. */
    record Outcome(int exit, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /** Runs {@code command} in {@code dir}, bounded in time, and collects both streams. */
    static Outcome run(List<String> command, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Outcome(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
