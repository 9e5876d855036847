package dev.entrabridge.graph;

import dev.entrabridge.downstream.RelativePath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NextLinkTest {

    private static final URI BASE = URI.create("https://graph.microsoft.com");

    @ParameterizedTest
    @ValueSource(strings = {"https://graph.microsoft.com/v1.0/users?$top=5&$skiptoken=RFNwdAIAAQAAAD8",
            "https://GRAPH.microsoft.com:443/v1.0/users/x/calendarView?startDateTime=2026-01-15T00%3a00%3a00&$skip=10"})
    void followsLinksOnGraphsOriginAndVersion(String link) {
        Optional<RelativePath> next = NextLink.below(link, BASE, "/v1.0");

        assertThat(next).isPresent();
        assertThat(next.get().path()).startsWith("/v1.0/users");
        assertThat(link).endsWith(next.get().query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.com/v1.0/users?$skiptoken=x", "http://graph.microsoft.com/v1.0/users",
            "https://graph.microsoft.com:8443/v1.0/users", "https://graph.microsoft.com.evil.example/v1.0/users",
            "https://attacker@graph.microsoft.com/v1.0/users", "https://graph.microsoft.com/beta/users",
            "https://graph.microsoft.com/v1.0/users/%2e%2e/%2e%2e/beta/users", "https://graph.microsoft.com/v1.0/../beta/users",
            "/v1.0/users?$skiptoken=relative", "https://graph.microsoft.com/v1.0users", "not a url",
            "https://graph.microsoft.com/v1.0/users#fragment"})
    void refusesEverythingElse(String link) {
        assertThat(NextLink.below(link, BASE, "/v1.0")).isEmpty();
    }
}
