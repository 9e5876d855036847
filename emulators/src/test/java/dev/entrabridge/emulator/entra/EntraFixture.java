package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.Map;
import java.util.function.Supplier;

/** The directory every Entra IT starts from, and MSAL clients routed to the emulator. */
final class EntraFixture {

    static final String TENANT = "7f3c1a52-0d4e-4b8f-9a61-2c5e8d9b0a11";
    static final String BLUEPRINT = "0b5e2c1d-6a4f-4e3b-8c2d-1f9e7a6b5c40";
    static final String AGENT = "4c2a9e7b-1d3f-4a5b-9c8e-7d6f5e4a3b21";
    static final String OTHER_BLUEPRINT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c65";
    static final String OTHER_AGENT = "2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e70";
    static final String USER = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a81";
    static final String AGENT_USER = "8f9e0d1c-2b3a-4c5d-8e6f-9a0b1c2d3e47";
    static final String AGENT_USER_UPN = "agent-user@contoso.onmicrosoft.com";
    static final String SECRET = "bp-secret-value~1";
    static final String GRAPH = "https://graph.microsoft.com";
    static final String EXCHANGE = "api://AzureADTokenExchange";

    private EntraFixture() {
    }

    static Tenant populate(EntraEmulator entra) {
        Tenant t = entra.directory().tenant(TENANT, "contoso.onmicrosoft.com");
        t.blueprint(BLUEPRINT).secret(SECRET, java.time.Instant.now().plusSeconds(86_400));
        t.blueprint(OTHER_BLUEPRINT).secret(SECRET, java.time.Instant.now().plusSeconds(86_400));
        t.agentIdentity(AGENT, BLUEPRINT);
        t.agentIdentity(OTHER_AGENT, OTHER_BLUEPRINT);
        t.user(USER, "alice@contoso.onmicrosoft.com");
        t.agentUser(AGENT_USER, AGENT_USER_UPN, AGENT);
        t.resource(GRAPH).appRoles("User.Read.All", "Mail.Send").scopes("User.Read", "Mail.Read");
        t.grantAppRoles(AGENT, GRAPH, "User.Read.All");
        t.consent(AGENT, GRAPH, "User.Read");
        return t;
    }

    /** A confidential client with the production authority whose transport goes to the emulator. */
    static ConfidentialClientApplication client(EntraEmulator entra, String clientId, IClientCredential credential) {
        return client(entra, TENANT, clientId, credential);
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

    /** The {@code sub} of the T1 a blueprint of {@link #TENANT} gets for an agent identity. */
    static String t1Subject(String blueprint, String agent) {
        return FmiSubject.of(TENANT, blueprint, agent);
    }

    static Map<String, Object> claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}
