package dev.entrabridge.config;

import java.net.URI;
import java.util.Locale;

/**
 * The Entra cloud an authority host belongs to. Sovereign clouds use their own token-exchange
 * audience, which every assertion and the blueprint's federated identity credentials must carry.
 */
public enum EntraCloud {
    PUBLIC("api://AzureADTokenExchange"),
    US_GOVERNMENT("api://AzureADTokenExchangeUSGov"),
    CHINA("api://AzureADTokenExchangeChina");

    /** The public-cloud authority host, used when none is configured. */
    public static final URI DEFAULT_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com");

    private final String exchangeAudience;

    EntraCloud(String exchangeAudience) {
        this.exchangeAudience = exchangeAudience;
    }

    /** The audience of assertions and of T1, e.g. {@code api://AzureADTokenExchange}. */
    public String exchangeAudience() {
        return exchangeAudience;
    }

    /** The scope that asks for a token-exchange token: {@code <audience>/.default}. */
    public String exchangeScope() {
        return exchangeAudience + "/.default";
    }

    /** The cloud of an authority host; unknown hosts (e.g. private deployments) are treated as public. */
    public static EntraCloud ofAuthorityHost(URI host) {
        String h = host.getHost() == null ? "" : host.getHost().toLowerCase(Locale.ROOT);
        if (h.endsWith("microsoftonline.us")) {
            return US_GOVERNMENT;
        }
        if (h.endsWith("chinacloudapi.cn") || h.endsWith("partner.microsoftonline.cn")) {
            return CHINA;
        }
        return PUBLIC;
    }
}
