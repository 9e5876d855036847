package dev.entrabridge.config;

import java.net.URI;
import java.util.Locale;

/**
 * The Entra cloud an authority host belongs to. Sovereign clouds use their own token-exchange
 * audience, which every assertion and the blueprint's federated identity credentials must carry.
 */
public enum EntraCloud {
    PUBLIC("api://AzureADTokenExchange", "https://sts.windows.net"),
    US_GOVERNMENT("api://AzureADTokenExchangeUSGov", "https://sts.windows.net"),
    CHINA("api://AzureADTokenExchangeChina", "https://sts.chinacloudapi.cn");

    /** The public-cloud authority host, used when none is configured. */
    public static final URI DEFAULT_AUTHORITY_HOST = URI.create("https://login.microsoftonline.com");

    private final String exchangeAudience;
    private final String v1IssuerHost;

    EntraCloud(String exchangeAudience, String v1IssuerHost) {
        this.exchangeAudience = exchangeAudience;
        this.v1IssuerHost = v1IssuerHost;
    }

    /**
     * The {@code iss} of this cloud's v1 access tokens, {@code https://sts.windows.net/{tenant}/}: what Entra
     * issues to an API whose {@code accessTokenAcceptedVersion} is unset or 1 (v2 tokens name the authority host).
     */
    public String v1Issuer(String tenantId) {
        return v1IssuerHost + "/" + tenantId + "/";
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
