package dev.entrabridge.sidecar;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.EmulatedDeployment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The sidecar as a local agent's tests need it: on the kit's emulated cloud (AWS STS as the blueprint's
 * credential), the loopback mail-agent policy, no background health runs, audit lines dropped.
 */
final class KitSidecar {

    private KitSidecar() {
    }

    /** Starts it with these flags (a free port is always chosen) and {@code extra} settings on top. */
    static SidecarMain.Running start(EmulatedCloudExtension world, Map<String, String> extra, String... flags)
            throws IOException {
        Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_POLICY", EmulatedDeployment.LOOPBACK_MAIL_AGENT_POLICY);
        env.put("BRIDGE_HEALTH_INTERVAL_SECONDS", "0");
        env.putAll(extra);
        String[] args = new String[flags.length + 2];
        args[0] = "--port";
        args[1] = "0";
        System.arraycopy(flags, 0, args, 2, flags.length);
        return SidecarMain.start(SidecarOptions.parse(args), env, new PrintStream(OutputStream.nullOutputStream()));
    }
}
