package dev.entrabridge.emulator.entra;

/**
 * The application a token request authenticated as: a blueprint, or an agent identity (then
 * {@code blueprint} is its parent).
 */
record AuthenticatedClient(BlueprintApp blueprint, AgentIdentity agent) {

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
