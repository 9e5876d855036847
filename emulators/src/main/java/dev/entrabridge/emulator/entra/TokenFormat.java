package dev.entrabridge.emulator.entra;

/**
 * The two access-token formats Entra issues, chosen by the resource's
 * {@code accessTokenAcceptedVersion}: v1 ({@code iss https://sts.windows.net/{tid}/}, {@code ver 1.0},
 * the client as {@code appid}/{@code appidacr}, the user as {@code upn}/{@code unique_name}) and v2
 * ({@code iss https://login.microsoftonline.com/{tid}/v2.0}, {@code ver 2.0}, {@code azp}/{@code azpacr},
 * {@code preferred_username}).
 */
enum TokenFormat {

    V1("1.0"),
    V2("2.0");

    /** The v1 issuer host: Entra's security token service under its historical name. */
    static final String V1_ISSUER_HOST = "https://sts.windows.net";

    private final String version;

    TokenFormat(String version) {
        this.version = version;
    }

    /** The format for a manifest's {@code accessTokenAcceptedVersion}: unset ({@code null}) or 1 is v1, 2 is v2. */
    static TokenFormat accepted(Integer accessTokenAcceptedVersion) {
        if (accessTokenAcceptedVersion == null || accessTokenAcceptedVersion == 1) {
            return V1;
        }
        if (accessTokenAcceptedVersion == 2) {
            return V2;
        }
        throw new IllegalArgumentException("accessTokenAcceptedVersion must be null (unset), 1 or 2, was "
                + accessTokenAcceptedVersion);
    }

    String version() {
        return version;
    }

    String issuer(String tenantId) {
        return this == V1 ? V1_ISSUER_HOST + "/" + tenantId + "/"
                : EntraEmulator.PUBLIC_AUTHORITY_HOST + "/" + tenantId + "/v2.0";
    }

    /** The claim naming the client application: {@code appid} (v1) or {@code azp} (v2). */
    String clientClaim() {
        return this == V1 ? "appid" : "azp";
    }

    /** How the client authenticated ({@code 0} public, {@code 1} secret, {@code 2} certificate or assertion). */
    String clientAuthenticationClaim() {
        return this == V1 ? "appidacr" : "azpacr";
    }
}
