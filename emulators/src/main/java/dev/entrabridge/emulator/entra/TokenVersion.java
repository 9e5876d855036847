package dev.entrabridge.emulator.entra;

/**
 * The access-token format Entra issues for a resource, chosen by that resource's
 * {@code accessTokenAcceptedVersion}: unset or 1 → v1 ({@code iss https://sts.windows.net/{tid}/},
 * {@code ver 1.0}, {@code aud} the identifier URI, {@code appid}), 2 → v2 ({@code iss
 * https://login.microsoftonline.com/{tid}/v2.0}, {@code ver 2.0}, {@code aud} the appId, {@code azp}).
 */
public enum TokenVersion {
    V1, V2;

    /** The format for a resource whose {@code accessTokenAcceptedVersion} is {@code value} ({@code null} = unset). */
    public static TokenVersion accepted(Integer value) {
        if (value == null || value == 1) {
            return V1;
        }
        if (value == 2) {
            return V2;
        }
        throw new IllegalArgumentException("accessTokenAcceptedVersion is null, 1 or 2, not " + value);
    }
}
