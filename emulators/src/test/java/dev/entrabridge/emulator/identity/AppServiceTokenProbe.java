package dev.entrabridge.emulator.identity;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Run in a child JVM whose environment has {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER}, so
 * MSAL picks its App Service source exactly as on Azure Functions. Prints facts, never the token.
 */
public final class AppServiceTokenProbe {

    private AppServiceTokenProbe() {
    }

    public static void main(String[] args) throws Exception {
        ManagedIdentityApplication app = ManagedIdentityApplication
                .builder(ManagedIdentityId.userAssignedClientId(args[0])).build();
        ManagedIdentityParameters parameters = ManagedIdentityParameters.builder(args[1]).build();
        IAuthenticationResult first = app.acquireTokenForManagedIdentity(parameters).get();
        IAuthenticationResult second = app.acquireTokenForManagedIdentity(parameters).get();
        System.out.println("source=" + ManagedIdentityApplication.getManagedIdentitySource());
        System.out.println("firstSource=" + first.metadata().tokenSource());
        System.out.println("secondSource=" + second.metadata().tokenSource());
        System.out.println("expiresOn=" + first.expiresOnDate().toInstant().getEpochSecond());
        System.out.println("tokenSha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(first.accessToken().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        System.out.println("sameToken=" + first.accessToken().equals(second.accessToken()));
    }
}
