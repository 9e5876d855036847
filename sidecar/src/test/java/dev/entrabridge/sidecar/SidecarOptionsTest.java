package dev.entrabridge.sidecar;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SidecarOptionsTest {

    @Test
    void defaultsAreLoopbackPort7000() {
        SidecarOptions options = SidecarOptions.parse();

        assertThat(options.bind()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(7000);
        assertThat(options.config()).isEmpty();
        assertThat(options.allowFrom()).isEmpty();
        assertThat(options.limits()).isEqualTo(new ServerLimits(16, 512, java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30)));
    }

    @Test
    void flagsAreReadAndMistakesNameTheFlag() {
        SidecarOptions options = SidecarOptions.parse("--port", "7100", "--bind", "0.0.0.0",
                "--allow-from", "10.0.0.0/8", "--allow-from", "fd00::/8", "--workers", "4", "--max-connections", "64",
                "--max-wait-ms", "500", "--request-timeout-seconds", "5");

        assertThat(options.port()).isEqualTo(7100);
        assertThat(options.bind()).isEqualTo("0.0.0.0");
        assertThat(options.allowFrom()).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(options.limits()).isEqualTo(new ServerLimits(4, 64, java.time.Duration.ofMillis(500),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)));
        assertThatThrownBy(() -> SidecarOptions.parse("--max-wait-ms", "0")).hasMessageContaining("--max-wait-ms '0'");
        assertThatThrownBy(() -> SidecarOptions.parse("--max-connections", "8")).hasMessageContaining("from 16 to 65536");
        assertThatThrownBy(() -> SidecarOptions.parse("--port", "70000")).hasMessageContaining("--port '70000'");
        assertThatThrownBy(() -> SidecarOptions.parse("--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> SidecarOptions.parse("--config", "/no/such/file.json")).hasMessageContaining("--config");
        assertThatThrownBy(() -> SidecarOptions.parse("--verbose")).hasMessageContaining("unknown argument '--verbose'");
        // The demo is its own jar: the production sidecar has no emulators to start.
        assertThatThrownBy(() -> SidecarOptions.parse("--demo")).hasMessageContaining("unknown argument '--demo'");
    }

    @Test
    void peerFilterAdmitsLoopbackAlwaysAndOnlyTheAllowedNetworks() throws Exception {
        PeerFilter loopback = PeerFilter.loopbackOnly();
        PeerFilter pods = PeerFilter.loopbackAnd(List.of("10.1.0.0/16", "fd00::/8"));

        assertThat(loopback.admits(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(loopback.admits(InetAddress.getByName("::1"))).isTrue();
        assertThat(loopback.admits(InetAddress.getByName("10.1.2.3"))).isFalse();
        assertThat(pods.admits(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(pods.admits(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(pods.admits(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(pods.admits(InetAddress.getByName("fe80::1"))).isFalse();
        assertThatThrownBy(() -> PeerFilter.loopbackAnd(List.of("10.0.0.0"))).hasMessageContaining("not a CIDR");
        assertThatThrownBy(() -> PeerFilter.loopbackAnd(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
