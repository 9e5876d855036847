package dev.entrabridge.sidecar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code java -XX:ArchiveClassesAtExit=sidecar.jsa -jar … warm-up}: starts the sidecar on a loopback
 * port with a built-in configuration that reaches no network, sends it a {@code /healthz}, a token
 * request its (absent) policy refuses and a malformed request, stops it and exits 0 — so that the
 * JVM dumps a class-data-sharing archive of everything the sidecar loads to serve. An image build
 * runs it once with the image's own JVM; the sidecar then starts with {@code -XX:SharedArchiveFile}.
 */
final class WarmUpCommand {

    /** Placeholders only: the warm-up never calls Entra, so nothing here is a credential of anyone's. */
    private static final Map<String, String> OFFLINE = Map.of(
            "ENTRA_TENANT_ID", "00000000-0000-4000-8000-000000000001",
            "ENTRA_BLUEPRINT_CLIENT_ID", "00000000-0000-4000-8000-000000000002",
            "BRIDGE_CREDENTIAL_SOURCE", "client-secret",
            "ENTRA_CLIENT_SECRET", "warm-up-placeholder",
            "BRIDGE_AGENTS", "warm-up=00000000-0000-4000-8000-000000000003",
            "BRIDGE_HEALTH_INTERVAL_SECONDS", "0");

    private WarmUpCommand() {
    }

    /** @return 0 when every warm-up request got the answer it should, else 1 */
    static int run(PrintStream err) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (SidecarMain.Running sidecar = SidecarMain.start(SidecarOptions.parse("--port", "0"), OFFLINE, quiet)) {
            URI base = sidecar.server().baseUrl();
            int refused = status(base, "GET /AuthorizationHeaderUnauthenticated/graph?AgentIdentity=warm-up HTTP/1.1");
            boolean ok = status(base, "GET /healthz HTTP/1.1") == 200 & refused >= 400 & refused < 500
                    & status(base, "GET /healthz%zz HTTP/1.1") == 400;
            if (!ok) {
                err.println("warm-up: the sidecar did not answer as expected");
            }
            return ok ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("warm-up failed: " + e.getMessage());
            return 1;
        }
    }

    private static int status(URI base, String requestLine) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
        }
    }
}
