package dev.entrabridge.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Deliberate misconfigurations of the demo's world ({@code --demo-break=NAME}), so an operator can
 * see what the credential health check reports for each before meeting it in production.
 */
enum DemoBreak {
    /** The FIC's subject differs from the role ARN only in letter case. */
    FIC_SUBJECT("fic-subject", "the FIC subject differs from the role ARN in letter case"),
    /** The FIC's issuer carries a trailing slash. */
    FIC_ISSUER("fic-issuer", "the FIC issuer has a trailing slash"),
    /** The FIC's audience is the US Government cloud's. */
    FIC_AUDIENCE("fic-audience", "the FIC audience is api://AzureADTokenExchangeUSGov"),
    /** AWS outbound identity federation is switched off for the account. */
    FEDERATION_DISABLED("federation-disabled", "outbound web identity federation is disabled at AWS STS"),
    /** The mail agent's identity is disabled in the tenant. */
    AGENT_DISABLED("agent-disabled", "the mail-agent identity is disabled"),
    /** The blueprint also holds a client secret that ends in ten days. */
    SECRET_EXPIRING("secret-expiring", "the blueprint holds a client secret ending in 10 days (a warning)");

    private final String flagValue;
    private final String description;

    DemoBreak(String flagValue, String description) {
        this.flagValue = flagValue;
        this.description = description;
    }

    String flagValue() {
        return flagValue;
    }

    String description() {
        return description;
    }

    static DemoBreak parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.flagValue.equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--demo-break '" + value + "': use one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(DemoBreak::flagValue).collect(Collectors.joining(", "));
    }
}
