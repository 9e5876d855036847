package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.Map;
import java.util.function.Supplier;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;

/** MSAL4J clients with the production authority whose transport goes to the Entra emulator. */
final class EntraClients {

    private EntraClients() {
    }

    /** A confidential client of the cloud's tenant. */
    static ConfidentialClientApplication client(EntraEmulator entra, String clientId, IClientCredential credential) {
        return client(entra, TENANT_ID, clientId, credential);
    }

    static ConfidentialClientApplication client(EntraEmulator entra, String tenant, String clientId,
                                                IClientCredential credential) {
        try {
            return ConfidentialClientApplication.builder(clientId, credential)
                    .authority(EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + tenant + "/")
                    .httpClient(EmulatorRoutingHttpClient.to(entra))
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The agent identity's client: its assertion is whatever T1 the supplier returns now. */
    static ConfidentialClientApplication agentClient(EntraEmulator entra, String agentId, Supplier<String> t1) {
        return client(entra, agentId, ClientCredentialFactory.createFromCallback(options -> t1.get()));
    }

    /** The person's token for the blueprint, signed in with the public client (MSAL4J's username/password flow). */
    static String personToken(EntraEmulator entra) throws Exception {
        com.microsoft.aad.msal4j.PublicClientApplication app = com.microsoft.aad.msal4j.PublicClientApplication
                .builder(dev.entrabridge.emulator.cloud.EmulatedCloud.PUBLIC_CLIENT_APP_ID)
                .authority(EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + TENANT_ID + "/")
                .httpClient(EmulatorRoutingHttpClient.to(entra)).build();
        return app.acquireToken(com.microsoft.aad.msal4j.UserNamePasswordParameters.builder(
                java.util.Set.of(dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_API + "/"
                        + dev.entrabridge.emulator.cloud.EmulatedCloud.ACCESS_AS_USER),
                dev.entrabridge.emulator.cloud.EmulatedCloud.USER_UPN,
                dev.entrabridge.emulator.cloud.EmulatedCloud.USER_PASSWORD.toCharArray()).build()).get().accessToken();
    }

    /** The {@code sub} of the T1 a blueprint of the cloud's tenant gets for an agent identity. */
    static String t1Subject(String blueprint, String agent) {
        return FmiSubject.of(TENANT_ID, blueprint, agent);
    }

    static Map<String, Object> claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}
