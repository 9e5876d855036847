package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.downstream.DownstreamCaller;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.inbound.CallerTokenValidator;
import dev.entrabridge.issuance.TokenIssuance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The bridge's HTTP contract, framework-neutral: one {@link BridgeRequest} in, one
 * {@link BridgeResponse} out. Routes are those of Microsoft's Entra SDK for AgentID sidecar plus
 * {@code POST /token} and the OpenAPI document ({@code GET /openapi/v1.json}); every refusal is {@code application/problem+json} with a code and a remedy,
 * never a 500 for bad input and never a token. Thread-safe; build one per process.
 */
public final class BridgeEndpoint {

    /** Request bodies above this are refused with 413; adapters read at most one byte more. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(BridgeEndpoint.class.getName());

    private final ApiCatalog apis;
    private final SidecarRoutes sidecar;
    private final TokenRoute token;
    private final TokenIssuance issuance;
    private final CallerTokenValidator validateTokens;
    private final HealthSummary health;
    private final Clock clock;
    private final NetworkCallers networkCallers;

    private BridgeEndpoint(Builder b) {
        this.issuance = Objects.requireNonNull(b.issuance, "issuance: the TokenIssuance (policy, core, audit)");
        this.clock = b.clock;
        this.apis = new ApiCatalog(issuance.apis());
        this.sidecar = new SidecarRoutes(apis, issuance, b.userTokens, b.downstream);
        this.token = new TokenRoute(apis, issuance, b.callerTokens, b.userTokens, clock);
        this.validateTokens = b.userTokens != null ? b.userTokens : b.callerTokens;
        this.health = b.health;
        this.networkCallers = b.overNetwork ? new NetworkCallers(b.callerTokens) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Serves one request. Never throws: every failure becomes a problem response. */
    public BridgeResponse handle(BridgeRequest request) {
        return handle(() -> request);
    }

    /**
     * Serves one request whose mapping from the adapter's own type may itself refuse it — a query
     * string that is not valid UTF-8 ({@link FormDecoding#decode}), a peer the adapter does not admit
     * ({@link RequestRefused#forbidden}) — so those refusals get the same problem body as any other.
     */
    public BridgeResponse handle(Supplier<BridgeRequest> mapping) {
        String correlationId = UUID.randomUUID().toString();
        BridgeRequest request;
        try {
            request = mapping.get();
        } catch (RequestRefused e) {
            return Problems.render(e, correlationId);
        }
        if (networkCallers != null) {
            // Over the network only a token says who calls, not the adapter, not even in an audit line.
            request = request.withCaller(null);
        }
        Instant start = clock.instant();
        String route = null;
        String api = null;
        try {
            if (request.bodyLength() > MAX_BODY_BYTES) {
                throw RequestRefused.of(413, "BRIDGE_BODY_TOO_LARGE",
                        "The request body is larger than " + MAX_BODY_BYTES + " bytes.", "Send a smaller body.");
            }
            RoutePath path = RoutePath.parse(request.path());
            route = path.route().toLowerCase(Locale.ROOT);
            api = path.api().orElse(null);
            if (networkCallers != null) {
                request = networkCallers.authenticate(request, route);
            }
            return route(request, path, correlationId);
        } catch (RuntimeException e) {
            RequestRefused refused = Problems.refusal(e);
            if (isTokenRoute(route) && !refused.isAudited()) {
                issuance.rejected(request.authenticatedCaller().orElse(null), api, refused.code(), refused.detail(),
                        correlationId, Duration.between(start, clock.instant()));
            }
            return Problems.render(refused, correlationId);
        }
    }

    /**
     * Serves a route of the adapter's own (the Azure Function's stored health report) behind the contract's
     * caller authentication: the mapping's refusals, the caller check (the network stage where callers come
     * over the network, else the adapter's caller) and any refusal {@code answer} raises become the same problem
     * responses as on every other route. Never throws.
     *
     * @param answer what to answer the authenticated caller
     */
    public BridgeResponse handleOwnRoute(Supplier<BridgeRequest> mapping, Function<Caller, BridgeResponse> answer) {
        String correlationId = UUID.randomUUID().toString();
        try {
            BridgeRequest request = mapping.get();
            if (networkCallers != null) {
                request = networkCallers.authenticate(request, "");
            }
            return answer.apply(caller(request));
        } catch (RuntimeException e) {
            return Problems.render(Problems.refusal(e), correlationId);
        }
    }

    /**
     * The problem response for a refusal raised where no endpoint exists, e.g. by an adapter whose runtime could
     * not be built from its configuration: the same RFC 9457 body as every other refusal.
     */
    public static BridgeResponse problem(RequestRefused refused) {
        return Problems.render(refused, UUID.randomUUID().toString());
    }

    private BridgeResponse route(BridgeRequest request, RoutePath path, String correlationId) {
        ContractRoute route = ContractRoute.named(path.route()).filter(r -> r.fits(path)).orElseThrow(() -> unknown(path));
        if (!route.serves(request.method())) {
            String allowed = String.join(", ", new TreeSet<>(route.methods()));
            throw RequestRefused.of(405, "BRIDGE_METHOD_NOT_ALLOWED",
                    route.template() + " answers " + allowed + ", not " + QueryParameters.printable(request.method()) + ".",
                    "Send " + allowed + ".").withHeader("Allow", allowed);
        }
        String api = path.api().orElse(null);
        switch (route) {
            case HEALTHZ:
                return request.method().equals("HEAD") ? health().withoutBody() : health();
            case OPENAPI:
                BridgeResponse document = OpenApiDocument.response();
                return request.method().equals("HEAD") ? document.withoutBody() : document;
            case VALIDATE:
                return validate(request);
            case AUTHORIZATION_HEADER_UNAUTHENTICATED:
            case AUTHORIZATION_HEADER:
                return sidecar.authorizationHeader(request, caller(request), api,
                        route == ContractRoute.AUTHORIZATION_HEADER, correlationId);
            case DOWNSTREAM_API_UNAUTHENTICATED:
            case DOWNSTREAM_API:
                return sidecar.downstreamApi(request, caller(request), api, route == ContractRoute.DOWNSTREAM_API,
                        correlationId);
            case TOKEN:
                return token.handle(request, correlationId);
            default:
                throw unknown(path);
        }
    }

    private static RequestRefused unknown(RoutePath path) {
        boolean known = ContractRoute.named(path.route()).isPresent();
        return RequestRefused.of(404, "BRIDGE_UNKNOWN_ROUTE",
                known ? "/" + QueryParameters.printable(path.route()) + (path.api().isPresent()
                        ? " takes no such further path segment." : " needs a further path segment, e.g. an API name.")
                        : "No route '/" + QueryParameters.printable(path.route()) + "'.",
                "Use one of " + ContractRoute.all() + " (the OpenAPI document is at /openapi/v1.json).");
    }

    private static Caller caller(BridgeRequest request) {
        return request.authenticatedCaller().orElseThrow(() -> RequestRefused.unauthenticated(
                "The caller is not authenticated.", "Call from an allowed peer or present a token from a trusted issuer."));
    }

    private BridgeResponse health() {
        ObjectNode body = JSON.createObjectNode().put("status", "Healthy");
        int status = 200;
        try {
            Map<String, Object> summary = health.summary();
            if (!summary.isEmpty()) {
                body.set("health", JSON.valueToTree(summary));
            }
            if (health.unhealthy()) {
                body.put("status", "Unhealthy");
                status = 503;
            }
        } catch (RuntimeException e) {
            // Liveness must not depend on the report: say it is missing, stay 200.
            LOG.log(System.Logger.Level.WARNING, "event=health_summary_failed error={0}", e.getClass().getName());
            body.putObject("health").put("summary", "unavailable");
        }
        return BridgeResponse.json(status, body.toString()).withHeader("Cache-Control", "no-store");
    }

    /** Any query is ignored, as Microsoft's sidecar ignores it (its TypeScript client sends AgentIdentity here). */
    private BridgeResponse validate(BridgeRequest request) {
        String bearer = BearerToken.from(request);
        if (validateTokens == null) {
            throw RequestRefused.unauthenticated("No trusted token issuer is configured, so no token can be validated.",
                    "Ask the operator to configure the trusted issuers (e.g. your tenant with the blueprint as audience).");
        }
        Caller caller = validateTokens.validate(bearer);
        ObjectNode body = JSON.createObjectNode().put("protocol", "Bearer").put("token", bearer);
        body.set("claims", JSON.valueToTree(caller.claims()));
        return BridgeResponse.json(200, body.toString()).noStore();
    }

    private static boolean isTokenRoute(String route) {
        return route != null && (route.startsWith("authorizationheader") || route.startsWith("downstreamapi")
                || route.equals("token"));
    }

    /** Wires the endpoint once per process; only the token issuance is required. */
    public static final class Builder {
        private TokenIssuance issuance;
        private CallerTokenValidator callerTokens;
        private CallerTokenValidator userTokens;
        private DownstreamCaller downstream;
        private HealthSummary health = HealthSummary.LIVENESS_ONLY;
        private Clock clock = Clock.systemUTC();
        private boolean overNetwork;

        private Builder() {
        }

        /** How every route obtains a token (its policy, core and audit log), and the configured APIs. */
        public Builder issuance(TokenIssuance value) {
            issuance = value;
            return this;
        }

        /** Validates RFC 8693 subject tokens on {@code /token}; without it token exchange is refused. */
        public Builder callerTokens(CallerTokenValidator value) {
            callerTokens = value;
            return this;
        }

        /**
         * Validates users' tokens on the on-behalf-of routes and {@code /Validate} (typically your tenant's
         * issuer with the blueprint as audience); without it Entra alone judges the user token.
         */
        public Builder userTokens(CallerTokenValidator value) {
            userTokens = value;
            return this;
        }

        public Builder downstream(DownstreamCaller value) {
            downstream = value;
            return this;
        }

        public Builder health(HealthSummary value) {
            health = Objects.requireNonNull(value, "health");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Callers reach this endpoint over a network, so every request must prove its caller by its own JWT
         * from a {@link #callerTokens} issuer (header {@code X-Caller-Authorization: Bearer …}, or the RFC 8693
         * tokens on {@code POST /token}) before any route runs; the adapter's caller is ignored. For deployments
         * on the internet (the Azure Function); the sidecar's loopback peer and a Function URL's IAM principal
         * are callers their adapters authenticate instead.
         */
        public Builder callersOverNetwork() {
            overNetwork = true;
            return this;
        }

        public BridgeEndpoint build() {
            if (overNetwork && callerTokens == null) {
                throw new IllegalStateException("callers over the network need trusted caller issuers (callerTokens)");
            }
            return new BridgeEndpoint(this);
        }
    }
}
