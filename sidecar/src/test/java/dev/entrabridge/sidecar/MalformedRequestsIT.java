package dev.entrabridge.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.endpoint.BridgeEndpoint;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.policy.CallerPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every malformed request of {@code malformed-requests.txt} (bad escapes, raw CR/LF, illegal header
 * names, bad or duplicate Content-Length, Content-Length with chunked, {@code Transfer-Encoding: gzip},
 * a backslash or {@code %u002e} in the path, {@code GET *}, {@code CONNECT}, HTTP/0.9 …) and oversized
 * heads get the bridge's problem+json with {@code Cache-Control: no-store} — never an HTML page, never
 * a Java exception's name — and the connection is then closed.
 */
class MalformedRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SidecarServer server;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        BridgeEndpoint endpoint = BridgeEndpoint.builder().issuance(TokenIssuance.builder()
                .tokens(request -> {
                    throw new AssertionError("no malformed request may reach the core");
                })
                .policy(CallerPolicy.denyAll())
                .audit(new AuditLog(line -> { }, Clock.systemUTC()))
                .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com"),
                        List.of("https://graph.microsoft.com/.default"), List.of())))
                .agents(List.of(new AgentDefinition("a", "00000000-0000-0000-0000-0000000000a1", Optional.empty())))
                .build()).build();
        server = SidecarServer.bind(new InetSocketAddress("127.0.0.1", 0), ServerLimits.DEFAULTS, endpoint,
                PeerFilter.loopbackOnly()).start();
        base = server.baseUrl();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> malformed() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = MalformedRequestsIT.class.getClassLoader().getResourceAsStream("malformed-requests.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t", 2);
                    cases.add(Arguments.of(parts[0], unescape(parts[1])));
                }
            }
        }
        cases.add(Arguments.of("target-over-8-KiB", ("GET /healthz?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)));
        cases.add(Arguments.of("head-over-24-KiB", ("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(30_000)
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedWithTheBridgesProblemAndNoStoreThenClosed(String name, byte[] request) throws IOException {
        String answer = exchange(request);

        assertThat(answer).as(name + " got no answer").isNotEmpty();
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head).matches("(?s)http/1\\.1 [45]\\d\\d .*");
        assertThat(head).contains("content-type: application/problem+json", "cache-control: no-store", "connection: close");
        assertThat(answer).doesNotContainIgnoringCase("<html").doesNotContain("Exception", "java.", "jetty");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("code").asText()).startsWith("BRIDGE_");
        assertThat(problem.get("remedy").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(Integer.parseInt(head.substring(9, 12)));
    }

    /** Sends the bytes as they are and reads until the server closes (or 10 s pass). */
    private static String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // a connection still open after 10 s, or reset after the answer: judged by what arrived
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new UncheckedIOException(new IOException("unknown escape \\" + next));
            }
        }
        return out.toByteArray();
    }
}
