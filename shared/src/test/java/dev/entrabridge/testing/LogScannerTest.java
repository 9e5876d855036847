package dev.entrabridge.testing;

import dev.entrabridge.emulator.cloud.EmulatedCloud;
import org.junit.jupiter.api.Test;

import java.lang.System.Logger.Level;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogScannerTest {

    @Test
    void findsJwtsAndKnownSecretsWithoutRepeatingThem() {
        String jwt = Jwts.jwt("https://issuer", "sub", "aud", java.time.Instant.now(), java.time.Duration.ofMinutes(5));

        List<String> findings = LogScanner.findings(List.of(
                "event=token_issued agent=a expires=2026-11-26T05:00:00Z",
                "oops token=" + jwt,
                "client_secret=" + EmulatedCloud.BLUEPRINT_SECRET));

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).startsWith("line 2: JWT-shaped").doesNotContain(jwt);
        assertThat(findings.get(1)).startsWith("line 3: known secret").doesNotContain(EmulatedCloud.BLUEPRINT_SECRET);
    }

    @Test
    void theHygieneExtensionReallyCapturesTheBridgesLogs() {
        System.getLogger("dev.entrabridge.probe").log(Level.DEBUG, "event=probe value={0}", "harmless");

        assertThat(LogHygieneExtension.capturedLines()).anyMatch(l -> l.contains("event=probe value=harmless"));
    }
}
