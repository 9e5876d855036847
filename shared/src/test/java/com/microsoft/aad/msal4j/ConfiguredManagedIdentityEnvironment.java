package com.microsoft.aad.msal4j;

import java.util.Map;

/**
 * Test hook: lets MSAL4J's managed identity client read {@code IDENTITY_ENDPOINT},
 * {@code IDENTITY_HEADER} and friends from a test's map instead of {@link System#getenv()}, so a
 * test reaches the managed identity emulator by configuration alone.
 *
 * <p>MSAL4J 1.26.1 looks these variables up through a package-private, process-wide hook; this
 * class sits in MSAL's package (in the test sources only) for that reason alone. Production code
 * never calls it: there MSAL reads the real process environment. Install it before the bridge
 * builds its credential (MSAL reads the variables when the application is built) and
 * {@link #reset()} it afterwards.
 */
public final class ConfiguredManagedIdentityEnvironment {

    private ConfiguredManagedIdentityEnvironment() {
    }

    /** Makes every {@code ManagedIdentityApplication} built from now on read its variables from {@code environment}. */
    public static void use(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        ManagedIdentityApplication.setEnvironmentVariables(copy::get);
        forgetCachedTokens();
    }

    /** Back to MSAL's default: the process environment, and no token cached from an emulated endpoint. */
    public static void reset() {
        ManagedIdentityApplication.setEnvironmentVariables(null);
        forgetCachedTokens();
    }

    /**
     * MSAL keeps managed identity tokens in one static cache for the whole JVM, whatever application asked:
     * a token the previous test's emulator signed would otherwise be served to the next test's Entra, whose
     * keys differ (AADSTS700027).
     */
    private static void forgetCachedTokens() {
        ManagedIdentityApplication.sharedTokenCache = new TokenCache();
    }
}
