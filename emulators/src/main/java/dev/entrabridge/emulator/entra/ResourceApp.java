package dev.entrabridge.emulator.entra;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A resource application (API) tokens can be issued for: identifier URI, app roles it defines
 * (application permissions) and delegated scopes it exposes.
 */
public final class ResourceApp {

    private final String appId;
    private final String identifierUri;
    private final Set<String> appRoles = new CopyOnWriteArraySet<>();
    private final Set<String> scopes = new CopyOnWriteArraySet<>();

    ResourceApp(String appId, String identifierUri) {
        this.appId = appId;
        this.identifierUri = identifierUri;
    }

    public String appId() {
        return appId;
    }

    public String identifierUri() {
        return identifierUri;
    }

    /** Defines application permissions (app roles). */
    public ResourceApp appRoles(String... roles) {
        appRoles.addAll(List.of(roles));
        return this;
    }

    /** Exposes delegated scopes. */
    public ResourceApp scopes(String... names) {
        scopes.addAll(List.of(names));
        return this;
    }

    public Set<String> appRoles() {
        return Set.copyOf(appRoles);
    }

    public Set<String> scopes() {
        return Set.copyOf(scopes);
    }
}
