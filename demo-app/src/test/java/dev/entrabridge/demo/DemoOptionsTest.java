package dev.entrabridge.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void theSidecarsListeningFlagsPassThroughAndTheDemoKeepsItsOwn() {
        DemoOptions options = DemoOptions.parse("--demo", "--port", "7100", "--bind", "0.0.0.0",
                "--allow-from", "10.0.0.0/8", "--workers", "4", "--demo-break=fic-audience");

        assertThat(options.health()).isFalse();
        assertThat(options.demoBreak()).contains(DemoBreak.FIC_AUDIENCE);
        assertThat(options.passedOn()).containsExactly("--port", "7100", "--bind", "0.0.0.0", "--allow-from",
                "10.0.0.0/8", "--workers", "4");
    }

    @Test
    void healthTakesJsonAndABreakOnly() {
        DemoOptions options = DemoOptions.parse("health", "--demo", "--demo-break", "secret-expiring", "--json");

        assertThat(options.health()).isTrue();
        assertThat(options.demoBreak()).contains(DemoBreak.SECRET_EXPIRING);
        assertThat(options.passedOn()).containsExactly("--json");
        assertThatThrownBy(() -> DemoOptions.parse("health", "--port", "7100"))
                .hasMessageContaining("unknown argument '--port'");
    }

    @Test
    void mistakesNameTheFlag() {
        assertThatThrownBy(() -> DemoOptions.parse("--config", "bridge.json"))
                .hasMessageContaining("--config does not apply to the demo");
        assertThatThrownBy(() -> DemoOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--demo-break=everything"))
                .hasMessageContaining("--demo-break 'everything': use one of fic-subject");
        assertThatThrownBy(() -> DemoOptions.parse("--verbose")).hasMessageContaining("unknown argument '--verbose'")
                .hasMessageContaining("usage: ./demo");
    }
}
