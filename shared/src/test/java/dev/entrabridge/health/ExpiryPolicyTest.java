package dev.entrabridge.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

    private static Finding judge(Duration... remaining) {
        Finding finding = new Finding();
        List<CredentialExpiry> credentials = java.util.Arrays.stream(remaining)
                .map(d -> new CredentialExpiry("password", "secret-" + d.toDays(), NOW.plus(d))).toList();
        ExpiryPolicy.DEFAULT.judge(credentials, NOW, finding);
        return finding;
    }

    @Test
    void farAwayExpiryPasses() {
        Finding f = judge(Duration.ofDays(90));

        assertThat(f.status()).isEqualTo(CheckStatus.PASS);
        assertThat(f.toResult("x", Duration.ZERO).evidence()).containsEntry("password:secret-90", "2027-02-24T04:00:00Z");
    }

    @Test
    void tenDaysLeftWarns() {
        CheckResult r = judge(Duration.ofDays(90), Duration.ofDays(10)).toResult("expiry", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.summary()).isEqualTo("The password credential 'secret-10' expires in 10 days.");
        assertThat(r.diagnosis()).get().extracting(d -> d.code()).isEqualTo("BRIDGE_CREDENTIAL_EXPIRY");
    }

    @Test
    void fiveDaysLeftFails() {
        assertThat(judge(Duration.ofDays(5)).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void expiredFailsAndSaysSo() {
        CheckResult r = judge(Duration.ofDays(-1)).toResult("expiry", Duration.ZERO);

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.summary()).contains("expired at 2026-11-25T04:00:00Z");
    }

    @Test
    void windowsMustBeOrdered() {
        assertThatThrownBy(() -> new ExpiryPolicy(Duration.ofDays(7), Duration.ofDays(30)))
                .hasMessageContaining("must not exceed the warning window");
    }
}
