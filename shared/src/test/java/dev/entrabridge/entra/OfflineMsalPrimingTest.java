package dev.entrabridge.entra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineMsalPrimingTest {

    @Test
    void msalParsesTheCannedResponseWithoutAnyNetwork() {
        assertThat(OfflineMsalPriming.acquire()).isEqualTo("primed-not-a-token");
        assertThat(OfflineMsalPriming.acquire()).as("a fresh application each time, nothing cached across calls")
                .isEqualTo("primed-not-a-token");
    }
}
