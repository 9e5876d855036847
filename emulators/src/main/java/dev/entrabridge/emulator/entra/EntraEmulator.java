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
    private volatile Duration tokenLifetime = Duration.ofSeconds(3599);
    private volatile Duration refreshIn = Duration.ofSeconds(1799);

    private EntraEmulator(Clock clock) {
        this.clock = clock;
        this.directory = new Directory(clock);
        this.issuer = new TokenIssuer(clock);
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
        return PUBLIC_AUTHORITY_HOST + "/" + tenantId + "/v2.0";
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

    /** The {@code iss} of the tenant's v1 tokens ({@code https://sts.windows.net/{tid}/}). */
    public String v1Issuer(String tenantId) {
        return TokenIssuer.v1Issuer(existingTenant(tenantId));
    }

    /**
     * A delegated access token a user's own application would hold (e.g. the OBO assertion), in the
     * format the audience accepts: v2 ({@code aud} {@code audienceAppId}, {@code azp}) unless the audience
     * is a blueprint whose {@code accessTokenAcceptedVersion} asks for v1 ({@code aud api://<appId>},
     * {@code appid}, {@code iss https://sts.windows.net/{tid}/}); {@code scp} the scopes.
     */
    public String mintUserToken(String tenantId, String userOid, String audienceAppId, Set<String> scopes,
                                Duration lifetime) {
        Tenant tenant = existingTenant(tenantId);
        TokenVersion version = tenant.findBlueprint(audienceAppId).map(BlueprintApp::userTokenVersion).orElse(TokenVersion.V2);
        String upn = tenant.findUser(userOid).map(DirectoryUser::userPrincipalName).orElse(userOid);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(userOid)
                .claim("oid", userOid)
                .claim("upn", upn)
                .claim("scp", String.join(" ", scopes));
        if (version == TokenVersion.V1) {
            claims.audience("api://" + audienceAppId).claim("appid", USER_CLIENT_APP_ID).claim("appidacr", "0")
                    .claim("unique_name", upn);
        } else {
            claims.audience(audienceAppId).claim("azp", USER_CLIENT_APP_ID).claim("preferred_username", upn)
                    .claim("idtyp", "user");
        }
        return issuer.sign(tenant, claims, lifetime, version);
    }

    /**
     * A token as Entra issues to a user-assigned managed identity: {@code sub}/{@code oid} the
     * principal (object) id, {@code azp}/{@code appid} its client id, {@code aud} the resource
     * (e.g. {@code api://AzureADTokenExchange}).
     */
    public String mintManagedIdentityToken(String tenantId, String principalObjectId, String clientId,
                                           String resource, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(resource)
                .subject(principalObjectId)
                .claim("oid", principalObjectId)
                .claim("azp", clientId)
                .claim("appid", clientId)
                .claim("idtyp", "app")
                .claim("azpacr", "2");
        return issuer.sign(existingTenant(tenantId), claims, lifetime);
    }

    private Tenant existingTenant(String tenantId) {
        return directory.find(tenantId).orElseThrow(() -> new IllegalArgumentException("tenant " + tenantId
                + " is not in the emulator's directory; add it with directory().tenant(id)"));
    }

    private EmulatorResponse dispatch(RecordedRequest request) {
        String[] segments = request.path().replaceFirst("^/", "").split("/", 2);
        String tenant = segments[0];
        String rest = segments.length > 1 ? "/" + segments[1] : "";
        switch (rest) {
            case "/oauth2/v2.0/token":
                return tokenEndpoint.handle(request, tenant);
            case "/v2.0/.well-known/openid-configuration":
                return metadata.openIdConfiguration(tenant, clock);
            case "/discovery/v2.0/keys":
                return metadata.keys(tenant);
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
