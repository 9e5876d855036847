package dev.entrabridge.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_UPN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.CALENDAR_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.PUBLIC_CLIENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_PASSWORD;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN;

/**
 * The copy-paste walkthrough the demo prints: plain {@code curl} (and {@code sed} to pick a
 * field out of JSON), nothing else to install. Every command is run as printed by the demo test.
 */
final class DemoInstructions {

    private DemoInstructions() {
    }

    /** The commands alone, in order, exactly as printed (one shell line each). */
    static List<String> commands(URI sidecar, URI entra, Path caFile) {
        String s = sidecar.toString();
        String tokenUrl = entra + "/" + TENANT_ID + "/oauth2/v2.0/token";
        return List.of(
                "curl -s '" + s + "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent'",
                "curl -s -X POST '" + s + "/DownstreamApiUnauthenticated/graph?AgentIdentity=mail-agent"
                        + "&optionsOverride.RelativePath=users?$top=5'",
                "curl -s '" + s + "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=mail-agent"
                        + "&AgentUsername=" + AGENT_USER_UPN + "'",
                "USER_TOKEN=$(curl -s --cacert '" + caFile + "' '" + tokenUrl + "' -d grant_type=password"
                        + " -d client_id=" + PUBLIC_CLIENT_APP_ID + " -d username=" + USER_UPN
                        + " -d password=" + USER_PASSWORD
                        + " -d scope=api://" + BLUEPRINT_APP_ID + "/.default"
                        + " | sed -n 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/p')",
                "curl -s -H \"Authorization: Bearer $USER_TOKEN\" '" + s + "/AuthorizationHeader/graph?AgentIdentity=mail-agent'",
                "curl -s -X POST -H \"Authorization: Bearer $USER_TOKEN\" '" + s
                        + "/DownstreamApi/graph?AgentIdentity=mail-agent&optionsOverride.RelativePath=me'",
                "curl -s -i '" + s + "/AuthorizationHeaderUnauthenticated/graph?AgentIdentity=calendar-agent'",
                "curl -s '" + s + "/healthz'");
    }

    static String text(URI sidecar, URI entra, URI graph, Path caFile) {
        List<String> c = commands(sidecar, entra, caFile);
        return String.join("\n",
                "",
                "Entra Agent Bridge demo: the sidecar listens on " + sidecar + ".",
                "Emulated here, on loopback: Entra tenant " + TENANT_ID + " at " + entra + ",",
                "AWS STS (the blueprint holds no secret: it trusts the role " + AWS_ROLE_ARN,
                "through a federated identity credential), and Microsoft Graph at " + graph + ". Their CA: " + caFile,
                "Agents: mail-agent (" + MAILER_AGENT_APP_ID + ", allowed) and calendar-agent ("
                        + CALENDAR_AGENT_APP_ID + ", not granted by the policy).",
                "",
                "Paste these into another terminal (one audit line per token appears below as you do):",
                "",
                "# 1. An agent token for Graph, exactly as a client of Microsoft's sidecar asks for one:",
                c.get(0),
                "",
                "# 2. Call Graph through the sidecar with the agent's token (it never leaves the sidecar); the API is",
                "#    configured like Microsoft's Graph entry (BaseUrl " + graph + "/v1.0/), so paths are relative to it:",
                c.get(1),
                "",
                "# 3. The agent's own user account (agent user flow):",
                c.get(2),
                "",
                "# 4. Sign in as the demo person " + USER_UPN + " at the emulated tenant; keep the token:",
                c.get(3),
                "",
                "# 5. The agent acting on behalf of that person (on-behalf-of), then Graph /me as that person:",
                c.get(4),
                c.get(5),
                "",
                "# 6. Refused: the policy does not grant calendar-agent to local callers (403, and why):",
                c.get(6),
                "",
                "# 7. The credential health check's latest summary (it runs a second after start, then every 5 min):",
                c.get(7),
                "#    The full report, once, with exit code 0/1 (add --demo-break=fic-subject to see a failure):",
                "#    java -jar " + DemoMain.JAR + " health --demo",
                "",
                "Stop with Ctrl+C.",
                "");
    }
}
