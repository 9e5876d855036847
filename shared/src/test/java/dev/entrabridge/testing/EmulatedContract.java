package dev.entrabridge.testing;

import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.Fault;
import dev.entrabridge.endpoint.contract.ContractFixture;
import dev.entrabridge.endpoint.contract.ContractTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_OID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.AGENT_USER_UPN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;

/**
 * What every deployment's run of the HTTP contract suite shares on the emulated cloud: the fixture of its
 * tenant (the mail agent, the denied calendar agent, a disabled {@value #RETIRED_AGENT}), calling Graph
 * directly with the emulators' CA, injecting Entra faults, and capturing the JVM's log records.
 */
public final class EmulatedContract {

    /** A configured agent whose identity the tenant has disabled; add it with {@link #retireAgent}. */
    public static final String RETIRED_AGENT = "retired-agent";
    private static final String RETIRED_AGENT_APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final HttpClient TLS = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();

    private EmulatedContract() {
    }

    /** Disables a new agent identity of the blueprint and returns its {@code BRIDGE_AGENTS} entry. */
    public static String retireAgent(EmulatedCloud cloud) {
        cloud.tenant().agentIdentity(RETIRED_AGENT_APP_ID, BLUEPRINT_APP_ID).enabled(false);
        return RETIRED_AGENT + "=" + RETIRED_AGENT_APP_ID;
    }

    /** The fixture of the emulated tenant, with the deployment's trusted and untrusted caller tokens. */
    public static ContractFixture fixture(EmulatedCloud cloud, Supplier<String> callerJwt, Supplier<String> untrustedCallerJwt) {
        return new ContractFixture(EmulatedDeployment.GRAPH_API, URI.create(cloud.graph().baseUrl() + "/v1.0/users"),
                "users", "/me", "/groups", EmulatedDeployment.MAIL_AGENT, MAILER_AGENT_APP_ID,
                EmulatedDeployment.CALENDAR_AGENT, RETIRED_AGENT, AGENT_USER_OID, AGENT_USER_UPN, BLUEPRINT_APP_ID,
                () -> cloud.entra().mintUserToken(TENANT_ID, USER_OID, BLUEPRINT_APP_ID, Set.of("access_as_user"),
                        Duration.ofMinutes(30)),
                callerJwt, untrustedCallerJwt);
    }

    /** {@link ContractTarget#callDirectly}: a GET trusting the emulators' CA. */
    public static ContractTarget.Response callDirectly(URI url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = TLS.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new ContractTarget.Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link ContractTarget#injectEntraFailure}: Entra answers the next token requests with {@code status}. */
    public static boolean injectEntraFailure(EmulatedCloud cloud, int status, Duration retryAfter) {
        cloud.entra().faults().reset().failNext(5, status == 429 ? new Fault.Throttle(retryAfter)
                : new Fault.Status(status, retryAfter));
        return true;
    }

    /** Every record the JVM logs from {@link #start()} to {@link #close()}, formatted, for the suite's token scan. */
    public static final class LogCapture extends Handler implements AutoCloseable {
        private final SimpleFormatter format = new SimpleFormatter();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        public static LogCapture start() {
            LogCapture capture = new LogCapture();
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(format.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
