package dev.entrabridge.entra;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EntraTransportTest {

    @Test
    void overrideRewritesOnlySchemeHostAndPortOfAuthorityRequests() {
        EntraTransport t = new EntraTransport(HttpClient.newHttpClient(), Duration.ofSeconds(1),
                URI.create("https://login.microsoftonline.com"), Optional.of(URI.create("https://127.0.0.1:8443")),
                "b", Clock.systemUTC());

        assertThat(t.route(URI.create("https://login.microsoftonline.com/tid/oauth2/v2.0/token?x=1")))
                .isEqualTo(URI.create("https://127.0.0.1:8443/tid/oauth2/v2.0/token?x=1"));
        assertThat(t.route(URI.create("https://graph.microsoft.com/v1.0/me")))
                .isEqualTo(URI.create("https://graph.microsoft.com/v1.0/me"));
    }

    @Test
    void withoutOverrideRequestsGoWhereMsalSendsThem() {
        EntraTransport t = new EntraTransport(HttpClient.newHttpClient(), Duration.ofSeconds(1),
                URI.create("https://login.microsoftonline.com"), Optional.empty(), "b", Clock.systemUTC());

        assertThat(t.route(URI.create("https://login.microsoftonline.com/tid/oauth2/v2.0/token")))
                .isEqualTo(URI.create("https://login.microsoftonline.com/tid/oauth2/v2.0/token"));
    }

    @Test
    void retryAfterAsAnHttpDateBecomesADelay() {
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-11-26T04:00:00Z"), java.time.ZoneOffset.UTC);
        HttpOutcome o = EntraTransport.outcome(1, 503, "", "Thu, 26 Nov 2026 04:00:30 GMT", Duration.ZERO, clock);

        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.failed()).isTrue();
    }
}
