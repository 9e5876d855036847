package dev.entrabridge.emulator.entra;

/**
 * An agent identity: an application created from a blueprint, which authenticates only with a
 * token its parent blueprint obtained for it (T1).
 */
public final class AgentIdentity {

    private final String appId;
    private final String objectId;
    private final String blueprintAppId;
    private volatile boolean enabled = true;

    AgentIdentity(String appId, String objectId, String blueprintAppId) {
        this.appId = appId;
        this.objectId = objectId;
        this.blueprintAppId = blueprintAppId;
    }

    public String appId() {
        return appId;
    }

    public String objectId() {
        return objectId;
    }

    public String blueprintAppId() {
        return blueprintAppId;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Enables or disables sign-in (disabled agents get AADSTS7000112). */
    public AgentIdentity enabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }
}
