package dev.entrabridge.emulator.entra;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A resource application (API) tokens can be issued for: identifier URI, app roles it defines
 * (application permissions), delegated scopes it exposes, and the token format its manifest's
 * {@code accessTokenAcceptedVersion} asks for.
 */
public final class ResourceApp {

    /** Microsoft Graph's well-known appId, the {@code aud} of Graph tokens requested by id. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    private final String appId;
    private final String identifierUri;
    private final Set<String> appRoles = new CopyOnWriteArraySet<>();
    private final Set<String> scopes = new CopyOnWriteArraySet<>();
    /** The manifest's value as set: {@code null} is "unset", which Entra reads as 1. */
    private volatile Integer accessTokenAcceptedVersion;

    ResourceApp(String appId, String identifierUri) {
        this.appId = appId;
        this.identifierUri = identifierUri;
        // Microsoft Graph accepts v1 tokens only (real Graph tokens carry iss https://sts.windows.net/{tid}/).
        // Other APIs default to v2, the setting this project registers its APIs with; Entra's own default
        // for a manifest without the setting is v1, which accessTokenAcceptedVersion(null) or (1) gives.
        this.accessTokenAcceptedVersion = isGraph() ? 1 : 2;
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

    /**
     * The manifest's {@code accessTokenAcceptedVersion} ({@code api.requestedAccessTokenVersion}): {@code null}
     * (unset) or 1 for v1 tokens, 2 for v2. Tokens for this resource (and {@code mintUserToken} tokens aimed at
     * it, e.g. a user's token for a blueprint registered with {@link Tenant#api}) are issued in that format.
     *
     * @throws IllegalArgumentException for any other value
     */
    public ResourceApp accessTokenAcceptedVersion(Integer version) {
        TokenFormat.accepted(version);
        this.accessTokenAcceptedVersion = version;
        return this;
    }

    /** The manifest's value as set ({@code null} when unset). */
    public Integer accessTokenAcceptedVersion() {
        return accessTokenAcceptedVersion;
    }

    TokenFormat tokenFormat() {
        return TokenFormat.accepted(accessTokenAcceptedVersion);
    }

    /** Microsoft first-party resources keep their identifier URI as {@code aud}; Graph is the one here. */
    boolean isGraph() {
        return identifierUri.startsWith(ScopeRequest.GRAPH);
    }

    public Set<String> appRoles() {
        return Set.copyOf(appRoles);
    }

    public Set<String> scopes() {
        return Set.copyOf(scopes);
    }
}
