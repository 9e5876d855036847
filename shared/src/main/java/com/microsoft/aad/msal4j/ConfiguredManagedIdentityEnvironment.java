package com.microsoft.aad.msal4j;

import java.util.Map;

/**
 * Lets MSAL4J's managed identity client read {@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER} and
 * friends from the bridge's configuration map instead of {@link System#getenv()}.
 *
 * <p>MSAL4J 1.26.1 looks these variables up through a package-private, process-wide hook; this class
 * (in MSAL's package for that reason alone) installs the bridge's environment map there. In
 * production the map is the process environment, so behaviour is unchanged; tests and the demo pass
 * a map pointing at the managed identity emulator and reach it purely by configuration.
 */
public final class ConfiguredManagedIdentityEnvironment {

    private ConfiguredManagedIdentityEnvironment() {
    }

    /** Makes every {@code ManagedIdentityApplication} of this JVM read its variables from {@code environment}. */
    public static void use(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        ManagedIdentityApplication.setEnvironmentVariables(copy::get);
    }
}
