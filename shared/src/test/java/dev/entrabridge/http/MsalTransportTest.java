package dev.entrabridge.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MsalTransportTest {

    private final MsalTransport plain = new MsalTransport(HttpClient.newHttpClient(), Duration.ofSeconds(1));

    @Test
    void overrideRewritesOnlySchemeHostAndPortOfAuthorityRequests() {
        MsalTransport t = plain.routing(URI.create("https://login.microsoftonline.com"),
                Optional.of(URI.create("https://127.0.0.1:8443")));

        assertThat(t.route(URI.create("https://login.microsoftonline.com/tid/oauth2/v2.0/token?x=1")))
                .isEqualTo(URI.create("https://127.0.0.1:8443/tid/oauth2/v2.0/token?x=1"));
        assertThat(t.route(URI.create("https://graph.microsoft.com/v1.0/me")))
                .isEqualTo(URI.create("https://graph.microsoft.com/v1.0/me"));
    }

    @Test
    void withoutOverrideRequestsGoWhereMsalSendsThem() {
        MsalTransport t = plain.routing(URI.create("https://login.microsoftonline.com"), Optional.empty());

        assertThat(t.route(URI.create("https://login.microsoftonline.com/tid/oauth2/v2.0/token")))
                .isEqualTo(URI.create("https://login.microsoftonline.com/tid/oauth2/v2.0/token"));
        assertThat(plain.route(URI.create("http://169.254.169.254/metadata/identity/oauth2/token")))
                .isEqualTo(URI.create("http://169.254.169.254/metadata/identity/oauth2/token"));
    }
}
