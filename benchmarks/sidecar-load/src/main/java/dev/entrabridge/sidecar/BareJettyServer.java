package dev.entrabridge.sidecar;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The baseline of the sidecar's HTTP benchmark: Jetty exactly as the sidecar configures it
 * ({@link SidecarServer#jetty}: thread pool, HTTP/1.1 settings, connector, connection limit, the slow-head
 * listener, graceful stop) whose one handler answers every request at once, on Jetty's own thread, with a
 * fixed JSON body of the given size and the headers the sidecar puts on a token. Run it on the sidecar jar:
 *
 * <pre>java -cp entra-agent-bridge-sidecar.jar:benchmark-sidecar-load.jar dev.entrabridge.sidecar.BareJettyServer --body-bytes N [--port P]</pre>
 */
public final class BareJettyServer {

    private BareJettyServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        int bodyBytes = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--body-bytes")) {
                bodyBytes = Integer.parseInt(args[++i]);
            }
        }
        byte[] body = body(bodyBytes);
        ServerLimits limits = ServerLimits.DEFAULTS;
        Server server = SidecarServer.jetty(new InetSocketAddress("127.0.0.1", port), limits,
                new RequestHeadDeadline(limits.requestTimeout(), System::nanoTime), new Fixed(body, 400), new Fixed(body, 200));
        server.start();
        int bound = ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("bare jetty listening on http://127.0.0.1:" + bound + " body_bytes=" + body.length);
        System.out.flush();
        server.join();
    }

    /** {@code {"authorizationHeader":"Bearer xxx…"}} padded to {@code size} bytes, like the sidecar's answer. */
    private static byte[] body(int size) {
        String head = "{\"authorizationHeader\":\"Bearer ";
        String tail = "\"}";
        int pad = Math.max(0, size - head.length() - tail.length());
        char[] filler = new char[pad];
        Arrays.fill(filler, 'x');
        return (head + new String(filler) + tail).getBytes(StandardCharsets.US_ASCII);
    }

    /** Answers with the fixed body, never blocking. */
    private static final class Fixed extends Handler.Abstract.NonBlocking {
        private final byte[] body;
        private final int status;

        Fixed(byte[] body, int status) {
            this.body = body;
            this.status = status;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.getHeaders().put("Cache-Control", "no-cache, no-store, must-revalidate");
            response.getHeaders().put("Pragma", "no-cache");
            response.getHeaders().put("Expires", "0");
            response.getHeaders().put("Content-Length", Integer.toString(body.length));
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
