package dev.entrabridge.sidecar;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;
import dev.entrabridge.testing.EmulatedCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --config FILE}: the whole configuration from JSON, only the AWS keys from the environment. */
class ConfigFileIT {

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));

    @Test
    void aSidecarConfiguredByFileIssuesTokensAndAppliesItsPolicy() throws Exception {
        EmulatedCloud cloud = world.cloud();
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        Path file = world.bridge().dir().resolve("bridge.json");
        Files.writeString(file, "{"
                + "\"tenantId\":\"" + EmulatedCloud.TENANT_ID + "\","
                + "\"blueprintClientId\":\"" + EmulatedCloud.BLUEPRINT_APP_ID + "\","
                + "\"credential\":{\"source\":\"aws-sts\",\"awsRegion\":\"us-east-1\",\"stsEndpoint\":\""
                + cloud.sts().endpoint() + "\"},"
                + "\"http\":{\"entraEndpointOverride\":\"" + cloud.entra().baseUrl() + "\",\"trustedCaFile\":\""
                + world.bridge().caFile() + "\"},"
                + "\"agents\":{\"mail-agent\":{\"agentIdentity\":\"" + EmulatedCloud.MAILER_AGENT_APP_ID + "\"}},"
                + "\"apis\":{\"graph\":{\"baseUrl\":\"" + cloud.graph().baseUrl()
                + "\",\"scopes\":[\"https://graph.microsoft.com/.default\"],"
                + "\"allowedPaths\":[\"/v1.0/users\"]}},"
                + "\"policy\":{\"rules\":[{\"name\":\"file-rule\",\"caller\":{\"kind\":\"loopback\"},\"agents\":[\"mail-agent\"],"
                + "\"apis\":[\"graph\"],\"flows\":[\"autonomous\"]}]}"
                + "}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Response ok;
        Response onBehalf;
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0", "--config",
                        file.toString()),
                Map.of("AWS_ACCESS_KEY_ID", env.get("AWS_ACCESS_KEY_ID"), "AWS_SECRET_ACCESS_KEY", env.get("AWS_SECRET_ACCESS_KEY")),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            ok = RawHttp.send(sidecar.server().baseUrl(), "GET",
                    "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent", Map.of(), new byte[0]);
            onBehalf = RawHttp.send(sidecar.server().baseUrl(), "GET",
                    "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent&AgentUsername=someone@contoso.onmicrosoft.com",
                    Map.of(), new byte[0]);
        }

        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).startsWith("{\"authorizationHeader\":\"Bearer ey");
        assertThat(onBehalf.status()).isEqualTo(403);
        assertThat(onBehalf.body()).contains("POLICY_DENIED");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"rule\":\"file-rule\"");
    }
}
