package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static dev.entrabridge.emulator.entra.EntraFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Blueprint client credentials (secret, certificate, federated assertion) driven by real MSAL4J. */
class EntraClientCredentialsIT {

    private static EntraEmulator entra;
    private static OidcIssuerEmulator issuer;

    @BeforeAll
    static void start() {
        entra = EntraEmulator.start(Clock.systemUTC());
        issuer = OidcIssuerEmulator.start("aws-account", Clock.systemUTC());
        populate(entra);
    }

    @AfterAll
    static void stop() {
        entra.close();
        issuer.close();
    }

    @Test
    void secretCredentialGetsT1ForTheAgentIdentity() throws Exception {
        var app = client(entra, BLUEPRINT, ClientCredentialFactory.createFromSecret(SECRET));

        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters
                .builder(Set.of(EXCHANGE + "/.default")).fmiPath(AGENT).build()).get();

        var claims = claims(result.accessToken());
        assertThat(claims).containsEntry("aud", java.util.List.of(EXCHANGE))
                .containsEntry("azp", BLUEPRINT).containsEntry("sub", AGENT).containsEntry("idtyp", "app")
                .containsEntry("iss", "https://login.microsoftonline.com/" + TENANT + "/v2.0")
                .containsEntry("tid", TENANT);
        var sent = entra.tokenRequests().get(entra.tokenRequests().size() - 1);
        assertThat(sent.formParam("fmi_path")).contains(AGENT);
        assertThat(sent.formParam("client_info")).contains("1");
        assertThat(sent.formParam("scope").orElseThrow()).contains(EXCHANGE + "/.default");
    }
}
