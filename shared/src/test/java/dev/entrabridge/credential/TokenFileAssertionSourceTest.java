package dev.entrabridge.credential;

import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.testing.Jwts;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenFileAssertionSourceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T04:00:00Z"));

    @Test
    void picksUpARotatedFileWithoutRestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        String first = Jwts.jwt("https://oidc.example", "system:serviceaccount:ns:sa", "api://AzureADTokenExchange",
                clock.instant(), Duration.ofHours(1));
        Files.writeString(file, first + "\n");
        TokenFileAssertionSource source = new TokenFileAssertionSource(file, clock);

        ClientAssertion a = source.assertion();
        assertThat(a.value()).isEqualTo(first);
        assertThat(a.expiresAt()).contains(clock.instant().plus(Duration.ofHours(1)));
        assertThat(a.claims().orElseThrow().subject()).isEqualTo("system:serviceaccount:ns:sa");

        clock.advance(Duration.ofMinutes(48));
        String second = Jwts.jwt("https://oidc.example", "system:serviceaccount:ns:sa", "api://AzureADTokenExchange",
                clock.instant(), Duration.ofHours(1));
        Files.writeString(file, second);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(source.assertion().value()).isEqualTo(second);
    }

    @Test
    void rereadsWhenTheHeldTokenIsNearExpiryEvenIfTheFileLooksUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, Jwts.jwt("i", "s", "a", clock.instant(), Duration.ofMinutes(10)));
        TokenFileAssertionSource source = new TokenFileAssertionSource(file, clock);
        source.assertion();
        FileTime modified = Files.getLastModifiedTime(file);

        // Same size, same mtime (a filesystem with coarse timestamps): only expiry can trigger the re-read.
        clock.advance(Duration.ofMinutes(9).plusSeconds(30));
        String next = Jwts.jwt("i", "s", "a", clock.instant(), Duration.ofMinutes(10));
        Files.writeString(file, next);
        Files.setLastModifiedTime(file, modified);

        assertThat(source.assertion().value()).isEqualTo(next);
    }

    @Test
    void anExpiredUnrotatedTokenIsDiagnosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, Jwts.jwt("i", "s", "a", clock.instant(), Duration.ofMinutes(10)));
        TokenFileAssertionSource source = new TokenFileAssertionSource(file, clock);
        clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(source::assertion).isInstanceOf(AgentTokenException.class)
                .satisfies(e -> assertThat(((AgentTokenException) e).diagnosis().code()).isEqualTo("BRIDGE_TOKEN_FILE_EXPIRED"))
                .hasMessageNotContaining("eyJ");
    }

    @Test
    void aMissingOrEmptyFileIsDiagnosed(@TempDir Path dir) throws Exception {
        TokenFileAssertionSource missing = new TokenFileAssertionSource(dir.resolve("absent"), clock);
        assertThatThrownBy(missing::assertion).isInstanceOf(AgentTokenException.class)
                .satisfies(e -> assertThat(((AgentTokenException) e).diagnosis().remedy()).contains("AZURE_FEDERATED_TOKEN_FILE"));

        Path empty = Files.writeString(dir.resolve("empty"), "  \n");
        assertThatThrownBy(new TokenFileAssertionSource(empty, clock)::assertion).isInstanceOf(AgentTokenException.class)
                .satisfies(e -> assertThat(((AgentTokenException) e).diagnosis().code()).isEqualTo("BRIDGE_TOKEN_FILE_EMPTY"));
    }
}
