package dev.entrabridge.emulator.entra;

/**
 * The application a token request authenticated as: a blueprint, or an agent identity (then
 * {@code blueprint} is its parent), and how it authenticated.
 *
 * @param authentication Entra's {@code azpacr}/{@code appidacr}: {@code "1"} client secret,
 *                       {@code "2"} certificate or client assertion (federated JWT, T1)
 */
record AuthenticatedClient(BlueprintApp blueprint, AgentIdentity agent, String authentication) {

    static final String SECRET = "1";
    static final String ASSERTION = "2";

    boolean isAgent() {
        return agent != null;
    }

    String appId() {
        return isAgent() ? agent.appId() : blueprint.appId();
    }

    String objectId() {
        return isAgent() ? agent.objectId() : blueprint.objectId();
    }
}
