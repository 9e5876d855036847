package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.*;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static dev.entrabridge.emulator.entra.EntraClients.client;
import static dev.entrabridge.emulator.entra.EntraClients.t1Subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Injected faults as MSAL4J sees them: throttling with Retry-After, unavailability, latency. */
class EntraFaultsIT {

    private EmulatedCloud cloud;
    private EntraEmulator entra;
    private ConfidentialClientApplication app;

    @BeforeEach
    void start() {
        cloud = EmulatedCloud.builder().developmentCredentials().start();
        entra = cloud.entra();
        app = client(entra, BLUEPRINT_APP_ID, ClientCredentialFactory.createFromSecret(BLUEPRINT_SECRET));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static ClientCredentialParameters t1() {
        return ClientCredentialParameters.builder(Set.of(EXCHANGE_AUDIENCE + "/.default"))
                .fmiPath(MAILER_AGENT_APP_ID).build();
    }

    @Test
    void throttlingReachesMsalWithRetryAfter() {
        entra.faults().failNext(1, Fault.throttle(Duration.ofSeconds(7)));

        Throwable thrown = catchThrowable(() -> app.acquireToken(t1()).get());

        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalServiceException.class);
        MsalServiceException e = (MsalServiceException) thrown.getCause();
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.errorCode()).isEqualTo("temporarily_unavailable");
        assertThat(e.headers()).containsEntry("retry-after", List.of("7"));
        assertThat(entra.tokenRequests()).hasSize(1);
    }

    @Test
    void unavailabilityFailsTheCallWithoutAnMsalRetryAndTheNextCallSucceeds() throws Exception {
        entra.faults().failNext(1, Fault.unavailable(Duration.ofSeconds(1)));

        Throwable thrown = catchThrowable(() -> app.acquireToken(t1()).get());

        // The injected 503 has a plain-text body (as a front door's would): MSAL cannot parse it and does not retry.
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalException.class);
        assertThat(entra.tokenRequests()).hasSize(1);
        assertThat(EmulatorRoutingHttpClient.lastStatus()).isEqualTo(503);
        assertThat(claims(app.acquireToken(t1()).get().accessToken()))
                .containsEntry("sub", t1Subject(BLUEPRINT_APP_ID, MAILER_AGENT_APP_ID));
    }

    @Test
    void latencyDelaysTheTokenButNotItsValidity() throws Exception {
        entra.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        String token = app.acquireToken(t1()).get().accessToken();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(claims(token)).containsEntry("azp", BLUEPRINT_APP_ID);
    }
}
