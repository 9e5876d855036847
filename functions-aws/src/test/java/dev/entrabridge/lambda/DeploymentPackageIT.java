package dev.entrabridge.lambda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment package {@code package} built ({@code target/entra-agent-bridge-lambda.jar}, the
 * function's code for all three handlers): under 12 MB, with the handlers and their priming events,
 * the AWS SDK's URL-connection HTTP client and none of the others (Apache, Netty, CRT), and nothing that
 * only tests need — no emulator, no test kit, no runtime interface client (Lambda's runtime has its own).
 */
class DeploymentPackageIT {

    static final Path PACKAGE = Path.of("target", "entra-agent-bridge-lambda.jar");
    private static final long LIMIT_BYTES = 12L * 1000 * 1000;

    @Test
    void isSmallAndCarriesTheHandlersOnly() throws IOException {
        assertThat(PACKAGE).as("built by mvn package").isRegularFile();
        assertThat(Files.size(PACKAGE)).isLessThan(LIMIT_BYTES);
        try (JarFile jar = new JarFile(PACKAGE.toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();

            assertThat(entries).contains("dev/entrabridge/lambda/BedrockActionGroupHandler.class",
                    "dev/entrabridge/lambda/TokenFunctionUrlHandler.class",
                    "dev/entrabridge/lambda/ScheduledHealthHandler.class",
                    "dev/entrabridge/lambda/priming-openapi-event.json",
                    "dev/entrabridge/lambda/priming-function-event.json",
                    "dev/entrabridge/lambda/priming-function-url-event.json",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                    "org/crac/Core.class");
            assertThat(entries).noneMatch(e -> e.startsWith("dev/entrabridge/emulator/")
                    || e.startsWith("dev/entrabridge/testing/")
                    || e.startsWith("com/amazonaws/services/lambda/runtime/api/client/")
                    || e.startsWith("software/amazon/awssdk/http/apache")
                    || e.startsWith("software/amazon/awssdk/http/nio/netty/")
                    || e.startsWith("software/amazon/awssdk/crt/")
                    || e.startsWith("io/netty/")
                    || e.startsWith("org/junit/"));
        }
    }
}
