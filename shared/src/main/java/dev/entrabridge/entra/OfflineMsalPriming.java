package dev.entrabridge.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;

import java.net.MalformedURLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one MSAL4J client-credential acquisition on a throwaway application whose HTTP client answers a
 * canned token response in memory, so that a cold start (Lambda init, a SnapStart checkpoint) finds MSAL's
 * request, response-parsing and cache code loaded before the first real T1. Nothing leaves the process,
 * and nothing of it is kept: the application, its cache and its made-up token are dropped on return.
 */
public final class OfflineMsalPriming {

    private static final String NOBODY = "00000000-0000-0000-0000-000000000000";
    private static final String PRIMED = "primed-not-a-token";
    private static final String CANNED = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
            + "\"access_token\":\"" + PRIMED + "\"}";

    private OfflineMsalPriming() {
    }

    /** @return the canned access token MSAL parsed, which proves the whole path ran */
    public static String acquire() {
        IHttpClient canned = request -> {
            HttpResponse response = new HttpResponse().statusCode(200).body(CANNED);
            // Entra echoes the request's correlation id; without it MSAL logs a mismatch.
            String correlation = request.headerValue("client-request-id");
            response.addHeaders(correlation == null
                    ? Map.of("Content-Type", List.of("application/json; charset=utf-8"))
                    : Map.of("Content-Type", List.of("application/json; charset=utf-8"),
                            "client-request-id", List.of(correlation)));
            return response;
        };
        try {
            ConfidentialClientApplication app = ConfidentialClientApplication.builder(NOBODY,
                            ClientCredentialFactory.createFromCallback(() -> PRIMED))
                    .authority("https://login.microsoftonline.com/" + NOBODY + "/")
                    .instanceDiscovery(false)
                    .httpClient(canned)
                    .executorService(new DirectExecutorService())
                    .disableInternalRetries()
                    .build();
            return app.acquireToken(ClientCredentialParameters.builder(Set.of("api://AzureADTokenExchange/.default"))
                    .build()).join().accessToken();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
