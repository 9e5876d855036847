package dev.entrabridge.emulator.entra;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.EmulatorServer;
import dev.entrabridge.emulator.http.Faults;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An HTTPS loopback emulator of the Microsoft Entra token service that MSAL4J talks to unmodified:
 * instance discovery, OpenID metadata, JWKS and the v2 token endpoint with Agent ID's rules.
 *
 * <p>Tokens, discovery documents and expected client-assertion audiences use the public host
 * {@value #PUBLIC_AUTHORITY_HOST}: clients keep the production authority and only route their HTTP
 * transport to {@link #baseUrl()}.
 */
public final class EntraEmulator implements AutoCloseable {

    /** The authority host clients keep in their configuration and tokens name as issuer. */
    public static final String PUBLIC_AUTHORITY_HOST = "https://login.microsoftonline.com";

    /** The {@code azp} of {@link #mintUserToken} tokens: the user's own (front-end) application, not the agent's. */
    public static final String USER_CLIENT_APP_ID = "00000000-0000-0000-0000-00000000c11e";

    private final Clock clock;
    private final EmulatorServer server;
    private final Directory directory;
    private final TokenIssuer issuer;
    private final TokenEndpoint tokenEndpoint;
    private final MetadataDocuments metadata;
    private final RefreshTokens refreshTokens;
    private final AgentTokens tokens;
    private volatile Duration tokenLifetime = Duration.ofSeconds(3599);
    private volatile Duration refreshIn = Duration.ofSeconds(1799);

    private EntraEmulator(Clock clock) {
        this.clock = clock;
        this.directory = new Directory(clock);
        this.issuer = new TokenIssuer(clock);
        this.tokens = new AgentTokens(issuer);
        this.refreshTokens = new RefreshTokens(clock);
        FederatedAssertionCheck federated = new FederatedAssertionCheck(clock, directory, new ExternalIssuerKeys());
        this.tokenEndpoint = new TokenEndpoint(directory, clock, issuer,
                new ClientAuthentication(clock, federated), this);
        this.metadata = new MetadataDocuments(directory);
        this.server = EmulatorServer.https("entra", clock);
        server.route("/", this::dispatch);
        server.start();
    }

    /** Starts an emulator on an ephemeral loopback port; time comes from {@code clock}. */
    public static EntraEmulator start(Clock clock) {
        return new EntraEmulator(clock);
    }

    /** Where the emulator actually listens, e.g. {@code https://127.0.0.1:43123}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** {@value #PUBLIC_AUTHORITY_HOST}. */
    public String publicAuthorityHost() {
        return PUBLIC_AUTHORITY_HOST;
    }

    /** The public token endpoint URL of a tenant (the audience of certificate client assertions). */
    public String tokenEndpoint(String tenant) {
        return PUBLIC_AUTHORITY_HOST + "/" + tenant + "/oauth2/v2.0/token";
    }

    /** The {@code iss} of the tenant's v2 tokens. */
    public String issuer(String tenantId) {
        return TokenFormat.V2.issuer(tenantId);
    }

    /** The {@code iss} of the tenant's v1 tokens ({@code https://sts.windows.net/{tid}/}), e.g. Graph's. */
    public String issuerV1(String tenantId) {
        return TokenFormat.V1.issuer(tenantId);
    }

    public Directory directory() {
        return directory;
    }

    /** Every request received (discovery, keys and token requests). */
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** The token requests only. */
    public List<RecordedRequest> tokenRequests() {
        return server.requests(r -> r.path().endsWith("/oauth2/v2.0/token"));
    }

    public void clearRequests() {
        server.clearRequests();
    }

    public Faults faults() {
        return server.faults();
    }

    /** Lifetime of issued tokens ({@code expires_in}); 3599 s by default. */
    public EntraEmulator tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The {@code refresh_in} the token endpoint answers (MSAL refreshes proactively then); 1799 s by default. */
    public EntraEmulator refreshIn(Duration refreshIn) {
        this.refreshIn = refreshIn;
        return this;
    }

    public Duration refreshIn() {
        return refreshIn;
    }

    /**
     * A delegated access token a user's own application ({@link #USER_CLIENT_APP_ID}, a public client) would
     * hold, e.g. the OBO assertion: aimed at {@code audience} (an appId or identifier URI; a registered resource's
     * token comes in its {@code accessTokenAcceptedVersion} format and {@code aud}, anything else as v2 with
     * {@code aud} as given), {@code scp} the scopes, {@code sub} pairwise for that client.
     */
    public String mintUserToken(String tenantId, String userOid, String audience, Set<String> scopes,
                                Duration lifetime) {
        Tenant tenant = existingTenant(tenantId);
        String upn = tenant.findUser(userOid).map(DirectoryUser::userPrincipalName).orElse(userOid);
        Audience aimed = tenant.findResource(audience)
                .map(r -> new Audience(AgentTokens.audience(r, r.tokenFormat()), r.tokenFormat()))
                .orElse(new Audience(audience, TokenFormat.V2));
        return tokens.personToken(tenant, USER_CLIENT_APP_ID, AgentTokens.PUBLIC_CLIENT, aimed.value(), aimed.format(),
                userOid, upn, scopes, lifetime);
    }

    /** A delegated token's {@code aud} and format. */
    record Audience(String value, TokenFormat format) {
    }

    /**
     * What a scope's resource ({@code api://<appId>}, an identifier URI or an appId) resolves to: a registered
     * resource in its format, else a blueprint by appId as a v2 API, else AADSTS500011.
     */
    Audience audience(Tenant tenant, String resource) {
        var app = tenant.findResource(resource);
        if (app.isPresent()) {
            return new Audience(AgentTokens.audience(app.get(), app.get().tokenFormat()), app.get().tokenFormat());
        }
        String appId = resource.startsWith("api://") ? resource.substring("api://".length()) : resource;
        if (tenant.findBlueprint(appId).isPresent()) {
            return new Audience(appId, TokenFormat.V2);
        }
        throw EntraError.invalidResource(500011, "The resource principal named " + resource + " was not found in the"
                + " tenant named " + tenant.id() + ".");
    }

    RefreshTokens refreshTokens() {
        return refreshTokens;
    }

    /**
     * A v2 token as Entra issues to a user-assigned managed identity: {@code sub}/{@code oid} the
     * principal (object) id, {@code azp} its client id ({@code azpacr} 2), {@code aud} the resource
     * (e.g. {@code api://AzureADTokenExchange}, which accepts v2 tokens: the FIC issuer is the v2 one).
     */
    public String mintManagedIdentityToken(String tenantId, String principalObjectId, String clientId,
                                           String resource, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(resource)
                .subject(principalObjectId)
                .claim("oid", principalObjectId)
                .claim("azp", clientId)
                .claim("azpacr", AuthenticatedClient.ASSERTION)
                .claim("idtyp", "app");
        return issuer.sign(existingTenant(tenantId), claims, lifetime, TokenFormat.V2);
    }

    private Tenant existingTenant(String tenantId) {
        return directory.find(tenantId).orElseThrow(() -> new IllegalArgumentException("tenant " + tenantId
                + " is not in the emulator's directory; add it with directory().tenant(id)"));
    }

    private EmulatorResponse dispatch(RecordedRequest request) {
        String[] segments = request.path().replaceFirst("^/", "").split("/", 2);
        String tenant = segments[0];
        String rest = segments.length > 1 ? "/" + segments[1] : "";
        if (rest.startsWith("/userrealm/") && "GET".equals(request.method())) {
            return metadata.userRealm(rest.substring("/userrealm/".length()));
        }
        switch (rest) {
            case "/oauth2/v2.0/token":
                return tokenEndpoint.handle(request, tenant);
            case "/v2.0/.well-known/openid-configuration":
                return metadata.openIdConfiguration(tenant, clock, TokenFormat.V2);
            case "/.well-known/openid-configuration":
                return metadata.openIdConfiguration(tenant, clock, TokenFormat.V1);
            case "/discovery/v2.0/keys":
                return metadata.keys(tenant, TokenFormat.V2);
            case "/discovery/keys":
                return metadata.keys(tenant, TokenFormat.V1);
            case "/discovery/instance":
                return metadata.instanceDiscovery(request);
            default:
                return EmulatorResponse.notFound(request.path());
        }
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "Entra emulator at " + baseUrl() + " (as " + PUBLIC_AUTHORITY_HOST + ")";
    }
}
