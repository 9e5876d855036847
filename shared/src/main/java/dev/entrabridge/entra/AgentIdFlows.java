package dev.entrabridge.entra;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenRequest;
import dev.entrabridge.token.AgentUser;

import com.microsoft.aad.msal4j.ClaimsRequest;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.OnBehalfOfParameters;
import com.microsoft.aad.msal4j.UserAssertion;
import com.microsoft.aad.msal4j.UserFederatedIdentityCredentialParameters;
import dev.entrabridge.config.AgentDefinition;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.credential.BlueprintCredential;

import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The Entra Agent ID legs on MSAL4J: one blueprint {@link ConfidentialClientApplication} whose
 * leg 1 (T1) carries {@code fmi_path}, and one application per agent identity whose credential is
 * a callback returning T1, for the autonomous, on-behalf-of and agent-user flows. Tenant-specific
 * authority; MSAL's own cache serves T1 per agent identity and T2 per scope.
 */
final class AgentIdFlows {

    static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

    private final BridgeConfig config;
    private final BlueprintCredential credential;
    private final IHttpClient transport;
    private final ExecutorService executor = new DirectExecutorService();
    private final Clock clock;
    private final ConfidentialClientApplication blueprint;
    private final Map<String, ConfidentialClientApplication> agentApps = new ConcurrentHashMap<>();
    private final Set<String> skipT1CacheOnce = ConcurrentHashMap.newKeySet();

    AgentIdFlows(BridgeConfig config, BlueprintCredential credential, IHttpClient transport, Clock clock) {
        this.config = config;
        this.credential = credential;
        this.transport = transport;
        this.clock = clock;
        this.blueprint = application(config.blueprintClientId(), credential.msalCredential());
    }

    private ConfidentialClientApplication application(String clientId, IClientCredential credential) {
        try {
            return ConfidentialClientApplication.builder(clientId, credential)
                    .authority(config.authority())
                    // Tenant-specific authority on a known host: discovery would only add a cold-start round trip.
                    .instanceDiscovery(false)
                    .httpClient(transport)
                    .executorService(executor)
                    // The bridge retries itself, within its budget, with a diagnosis per failure.
                    .disableInternalRetries()
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("authority " + config.authority() + " is not a URL", e);
        }
    }

    private ConfidentialClientApplication agentApp(String agentAppId) {
        return agentApps.computeIfAbsent(agentAppId, id -> application(id,
                ClientCredentialFactory.createFromCallback(options -> t1(id, skipT1CacheOnce.remove(id)).accessToken())));
    }

    /** Leg 1: the blueprint's token-exchange token for one agent identity ({@code fmi_path}). */
    IAuthenticationResult t1(String agentAppId, boolean skipCache) {
        return join(blueprint.acquireToken(ClientCredentialParameters.builder(Set.of(config.cloud().exchangeScope()))
                .fmiPath(agentAppId).skipCache(skipCache).build()));
    }

    /**
     * The blueprint's own app-only token (client credentials without {@code fmi_path}), e.g. for the
     * health check to read the blueprint's application object from Graph. MSAL's cache applies.
     */
    IAuthenticationResult blueprintToken(Set<String> scopes) {
        return join(blueprint.acquireToken(ClientCredentialParameters.builder(scopes).build()));
    }

    /** Makes the next leg 2 of this agent identity fetch a new T1 (after AADSTS700024 on leg 2). */
    void refreshT1Next(String agentAppId) {
        skipT1CacheOnce.add(agentAppId);
    }

    /**
     * Runs the request's flow. {@code skipCache} bypasses MSAL's cache for the agent identity's
     * legs (a refresh must not get the same token back); {@code skipT1Cache} for leg 1 as well
     * (an explicit force-refresh, or a retry after a failure).
     */
    AgentToken run(AgentDefinition agent, AgentTokenRequest request, boolean skipCache, boolean skipT1Cache) {
        String appId = agent.agentIdentity();
        if (skipT1Cache) {
            skipT1CacheOnce.add(appId);
        }
        ConfidentialClientApplication app = agentApp(appId);
        IAuthenticationResult result;
        ClaimsRequest claims = claims(request);
        switch (request.flow()) {
            case AUTONOMOUS:
                result = join(app.acquireToken(ClientCredentialParameters.builder(request.scopes())
                        .skipCache(skipCache).claims(claims).build()));
                break;
            case ON_BEHALF_OF:
                result = join(app.acquireToken(OnBehalfOfParameters.builder(request.scopes(),
                        new UserAssertion(request.userAssertion())).skipCache(skipCache).claims(claims).build()));
                break;
            case AGENT_USER:
                result = agentUser(app, request, skipCache);
                break;
            default:
                throw new IllegalStateException("unhandled flow " + request.flow());
        }
        skipT1CacheOnce.remove(appId); // unused when MSAL answered leg 2 from its cache
        return token(result, request, agent.name(), agent.agentIdentity());
    }

    /**
     * The blueprint's own token, app-only or on-behalf-of the request's user: what Microsoft's sidecar
     * answers without {@code AgentIdentity}, served only when the caller policy granted it explicitly.
     */
    AgentToken runAsBlueprint(AgentTokenRequest request, boolean skipCache) {
        ClaimsRequest claims = claims(request);
        IAuthenticationResult result = request.flow() == dev.entrabridge.token.Flow.ON_BEHALF_OF
                ? join(blueprint.acquireToken(OnBehalfOfParameters.builder(request.scopes(),
                        new UserAssertion(request.userAssertion())).skipCache(skipCache).claims(claims).build()))
                : join(blueprint.acquireToken(ClientCredentialParameters.builder(request.scopes())
                        .skipCache(skipCache).claims(claims).build()));
        return token(result, request, null, config.blueprintClientId());
    }

    private static ClaimsRequest claims(AgentTokenRequest request) {
        return request.claims() == null ? null : ClaimsRequest.formatAsClaimsRequest(request.claims());
    }

    /** Leg 2 alone (autonomous, for the request's scopes) bypassing every cache: for the health check. */
    IAuthenticationResult leg2(String agentAppId, Set<String> scopes) {
        return join(agentApp(agentAppId).acquireToken(ClientCredentialParameters.builder(scopes).skipCache(true).build()));
    }

    private IAuthenticationResult agentUser(ConfidentialClientApplication app, AgentTokenRequest request, boolean skipCache) {
        String t2 = join(app.acquireToken(ClientCredentialParameters.builder(Set.of(config.cloud().exchangeScope()))
                .skipCache(skipCache).build())).accessToken();
        AgentUser user = request.agentUser();
        UserFederatedIdentityCredentialParameters params = user.objectId() != null
                ? UserFederatedIdentityCredentialParameters.builder(request.scopes(), user.objectId(), t2)
                        .forceRefresh(skipCache).claims(claims(request)).build()
                : UserFederatedIdentityCredentialParameters.builder(request.scopes(), user.username(), t2)
                        .forceRefresh(skipCache).claims(claims(request)).build();
        return join(app.acquireToken(params));
    }

    private AgentToken token(IAuthenticationResult r, AgentTokenRequest request, String agentName, String appId) {
        Instant expires = r.expiresOnDate().toInstant();
        Instant refresh = null;
        if (r.metadata() != null && r.metadata().refreshOn() != null && r.metadata().refreshOn() > 0) {
            long v = r.metadata().refreshOn();
            refresh = v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        if (refresh == null || !refresh.isBefore(expires)) {
            refresh = expires.minus(DEFAULT_REFRESH_MARGIN);
        }
        Instant now = clock.instant();
        if (!refresh.isAfter(now) && expires.isAfter(now)) {
            // A short-lived token: refresh half-way through what is left rather than on every call.
            refresh = now.plus(Duration.between(now, expires).dividedBy(2));
        }
        return new AgentToken(r.accessToken(), expires, refresh, request.scopes(), request.flow(), agentName, appId);
    }

    private static IAuthenticationResult join(CompletableFuture<IAuthenticationResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while acquiring a token", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }
}
