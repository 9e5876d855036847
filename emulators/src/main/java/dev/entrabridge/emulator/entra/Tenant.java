package dev.entrabridge.emulator.entra;

import dev.entrabridge.emulator.http.GeneratedCertificate;
import dev.entrabridge.emulator.http.SigningKey;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One emulated Entra tenant: its signing key, applications (blueprints, agent identities,
 * resources), users, app-role grants and delegated consents. Adders are fluent and idempotent.
 */
public final class Tenant {

    private final String id;
    private final Clock clock;
    private final SigningKey signingKey;
    private volatile String domain;
    private final Map<String, BlueprintApp> blueprints = new ConcurrentHashMap<>();
    private final Map<String, AgentIdentity> agentIdentities = new ConcurrentHashMap<>();
    private final Map<String, AgentUser> agentUsers = new ConcurrentHashMap<>();
    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
    private final Map<String, ResourceApp> resources = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> appRoleGrants = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> consents = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Set<String> publicClients = ConcurrentHashMap.newKeySet();

    Tenant(String id, Clock clock) {
        this.id = id;
        this.clock = clock;
        String kid = "entra-" + id.substring(0, Math.min(8, id.length())) + "-" + UUID.randomUUID().toString().substring(0, 8);
        // Entra publishes each signing key with its self-signed certificate (JWKS x5c/x5t).
        this.signingKey = SigningKey.withCertificate(kid, GeneratedCertificate.selfSigned("accounts.accesscontrol.windows.net",
                java.time.Instant.now().plus(java.time.Duration.ofDays(5 * 365))));
    }

    public String id() {
        return id;
    }

    public Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    void domain(String domain) {
        this.domain = domain;
    }

    /** The {@code kid} of the key that signs this tenant's tokens. */
    public String signingKeyId() {
        return signingKey.kid();
    }

    SigningKey signingKey() {
        return signingKey;
    }

    /** The agent identity blueprint with this appId, created on first use. */
    public BlueprintApp blueprint(String appId) {
        requireUnusedBy(appId, agentIdentities.containsKey(appId), "an agent identity");
        return blueprints.computeIfAbsent(appId, a -> new BlueprintApp(a, UUID.randomUUID().toString(), clock));
    }

    /** Registers an agent identity (enabled) whose parent is the blueprint {@code blueprintAppId}. */
    public AgentIdentity agentIdentity(String appId, String blueprintAppId) {
        requireUnusedBy(appId, blueprints.containsKey(appId), "a blueprint");
        if (!blueprints.containsKey(blueprintAppId)) {
            throw new IllegalArgumentException("register the blueprint " + blueprintAppId
                    + " before its agent identity " + appId);
        }
        return agentIdentities.computeIfAbsent(appId,
                a -> new AgentIdentity(a, UUID.randomUUID().toString(), blueprintAppId));
    }

    /** Registers an agent user bound to an agent identity. */
    public AgentUser agentUser(String objectId, String userPrincipalName, String agentIdentityAppId) {
        if (!agentIdentities.containsKey(agentIdentityAppId)) {
            throw new IllegalArgumentException("register the agent identity " + agentIdentityAppId
                    + " before its agent user " + userPrincipalName);
        }
        AgentUser user = new AgentUser(objectId, userPrincipalName, agentIdentityAppId);
        agentUsers.put(objectId, user);
        return user;
    }

    /** Registers a plain (human) user. */
    public DirectoryUser user(String objectId, String userPrincipalName) {
        DirectoryUser user = new DirectoryUser(objectId, userPrincipalName);
        users.put(objectId, user);
        return user;
    }

    /** Sets a user's password, enabling the password (ROPC) grant for them — a demo and test convenience. */
    public Tenant password(String userObjectId, String password) {
        if (!users.containsKey(userObjectId)) {
            throw new IllegalArgumentException("register the user " + userObjectId + " before setting a password");
        }
        passwords.put(userObjectId, password);
        return this;
    }

    /** Registers a public client application (no credential) that may use the password grant. */
    public Tenant publicClient(String appId) {
        publicClients.add(appId);
        return this;
    }

    Optional<String> findPublicClient(String appId) {
        return publicClients.contains(appId) ? Optional.of(appId) : Optional.empty();
    }

    boolean passwordMatches(String userObjectId, String password) {
        String expected = passwords.get(userObjectId);
        return expected != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Optional<DirectoryUser> findUserByUpn(String userPrincipalName) {
        return users.values().stream().filter(u -> u.userPrincipalName().equalsIgnoreCase(userPrincipalName)).findFirst();
    }

    /**
     * The resource application with this identifier URI (e.g. {@code https://graph.microsoft.com}, which gets
     * Graph's well-known appId), created on first use.
     */
    public ResourceApp resource(String identifierUri) {
        return resources.computeIfAbsent(identifierUri, u -> new ResourceApp(
                u.startsWith(ScopeRequest.GRAPH) ? ResourceApp.GRAPH_APP_ID : UUID.randomUUID().toString(), u));
    }

    /**
     * Registers an API whose appId is known (e.g. a blueprint exposing {@code access_as_user} under
     * {@code api://<its appId>}), created on first use.
     *
     * @throws IllegalArgumentException when the identifier URI is already registered with another appId
     */
    public ResourceApp api(String appId, String identifierUri) {
        ResourceApp app = resources.computeIfAbsent(identifierUri, u -> new ResourceApp(appId, u));
        if (!app.appId().equals(appId)) {
            throw new IllegalArgumentException("identifier URI " + identifierUri + " is already registered for appId "
                    + app.appId());
        }
        return app;
    }

    /** Grants application permissions (app roles) of a resource to a client application. */
    public Tenant grantAppRoles(String clientAppId, String resourceIdentifierUri, String... roles) {
        requireResource(resourceIdentifierUri);
        appRoleGrants.computeIfAbsent(clientAppId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(resourceIdentifierUri, k -> ConcurrentHashMap.newKeySet())
                .addAll(List.of(roles));
        return this;
    }

    /** Records admin consent for delegated scopes of a resource to a client application. */
    public Tenant consent(String clientAppId, String resourceIdentifierUri, String... scopes) {
        requireResource(resourceIdentifierUri);
        consents.computeIfAbsent(clientAppId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(resourceIdentifierUri, k -> ConcurrentHashMap.newKeySet())
                .addAll(List.of(scopes));
        return this;
    }

    public Optional<BlueprintApp> findBlueprint(String appId) {
        return Optional.ofNullable(blueprints.get(appId));
    }

    public Optional<AgentIdentity> findAgentIdentity(String appId) {
        return Optional.ofNullable(agentIdentities.get(appId));
    }

    public Optional<ResourceApp> findResource(String identifierUriOrAppId) {
        ResourceApp byUri = resources.get(identifierUriOrAppId);
        if (byUri != null) {
            return Optional.of(byUri);
        }
        return resources.values().stream().filter(r -> r.appId().equals(identifierUriOrAppId)).findFirst();
    }

    public Optional<AgentUser> findAgentUser(String objectIdOrUpn) {
        AgentUser byId = agentUsers.get(objectIdOrUpn);
        if (byId != null) {
            return Optional.of(byId);
        }
        return agentUsers.values().stream()
                .filter(u -> u.userPrincipalName().equalsIgnoreCase(objectIdOrUpn)).findFirst();
    }

    public Optional<DirectoryUser> findUser(String objectId) {
        return Optional.ofNullable(users.get(objectId));
    }

    public Collection<BlueprintApp> blueprints() {
        return List.copyOf(blueprints.values());
    }

    public Collection<AgentIdentity> agentIdentities() {
        return List.copyOf(agentIdentities.values());
    }

    public Collection<AgentUser> agentUsers() {
        return List.copyOf(agentUsers.values());
    }

    public Collection<DirectoryUser> users() {
        return List.copyOf(users.values());
    }

    public Collection<ResourceApp> resources() {
        return List.copyOf(resources.values());
    }

    /** App roles granted to {@code clientAppId} on the resource (empty when none). */
    public Set<String> appRoleGrants(String clientAppId, String resourceIdentifierUri) {
        return Set.copyOf(appRoleGrants.getOrDefault(clientAppId, Map.of())
                .getOrDefault(resourceIdentifierUri, Set.of()));
    }

    /** Delegated scopes consented for {@code clientAppId} on the resource (empty when none). */
    public Set<String> consentedScopes(String clientAppId, String resourceIdentifierUri) {
        return new LinkedHashSet<>(consents.getOrDefault(clientAppId, Map.of())
                .getOrDefault(resourceIdentifierUri, Set.of()));
    }

    private void requireResource(String identifierUri) {
        if (!resources.containsKey(identifierUri)) {
            throw new IllegalArgumentException("register the resource " + identifierUri
                    + " (tenant.resource(uri)) before granting or consenting to it");
        }
    }

    private static void requireUnusedBy(String appId, boolean used, String what) {
        if (used) {
            throw new IllegalArgumentException("appId " + appId + " is already " + what + " in this tenant");
        }
    }
}
