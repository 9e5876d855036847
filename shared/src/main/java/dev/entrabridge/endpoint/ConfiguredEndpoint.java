package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.ConfigException;
import dev.entrabridge.downstream.DownstreamCaller;
import dev.entrabridge.downstream.DownstreamLimits;
import dev.entrabridge.inbound.CallerTokenValidator;
import dev.entrabridge.inbound.TrustedIssuer;
import dev.entrabridge.issuance.TokenIssuance;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Wires a {@link BridgeEndpoint} from the bridge configuration, the same way in every deployment:
 * the token issuance (APIs, agents, caller policy), RFC 8693 caller issuers from
 * {@code BRIDGE_CALLERS}, and user tokens validated against the configured tenant with the
 * blueprint as audience (keys fetched through the Entra endpoint override when one is set, exactly
 * like the token requests).
 */
public final class ConfiguredEndpoint {

    private ConfiguredEndpoint() {
    }

    /**
     * @param outbound  the runtime's HTTP client, for JWKS and downstream calls (redirects off, the configured CA bundle)
     * @param issuance  how the routes obtain tokens
     * @return a builder with everything but the health summary set
     */
    public static BridgeEndpoint.Builder builder(BridgeConfig config, HttpClient outbound, TokenIssuance issuance) {
        return BridgeEndpoint.builder()
                .issuance(issuance)
                .callerTokens(callerIssuers(config.callers()).map(issuers ->
                        CallerTokenValidator.builder().trust(issuers).httpClient(outbound).build()).orElse(null))
                .userTokens(CallerTokenValidator.builder().trust(tenantIssuers(config)).httpClient(outbound).build())
                .downstream(new DownstreamCaller(outbound, DownstreamLimits.defaults()));
    }

    /** Whether {@code BRIDGE_CALLERS} names at least one trusted caller issuer. */
    public static boolean trustsCallers(BridgeConfig config) {
        return callerIssuers(config.callers()).isPresent();
    }

    /**
     * The tenant's own issuers, for users' tokens aimed at the blueprint ({@code /AuthorizationHeader},
     * {@code /DownstreamApi}, {@code /Validate}): v2 ({@code {authority}/{tenant}/v2.0}, {@code aud} the
     * blueprint's appId, as v2 tokens always carry it) and v1 ({@code https://sts.windows.net/{tenant}/}, what
     * Entra issues when the blueprint's {@code accessTokenAcceptedVersion} is unset; {@code aud} the appId or
     * the {@code api://} identifier the client asked for). Both are signed with the tenant's one key set.
     */
    static List<TrustedIssuer> tenantIssuers(BridgeConfig config) {
        URI keysHost = config.http().endpointOverride().orElse(config.authorityHost());
        URI jwks = URI.create(keysHost.toString().replaceAll("/+$", "") + "/" + config.tenantId() + "/discovery/v2.0/keys");
        String blueprint = config.blueprintClientId();
        return List.of(
                TrustedIssuer.withJwks(config.authorityHost() + "/" + config.tenantId() + "/v2.0", Set.of(blueprint), jwks),
                TrustedIssuer.withJwks(config.cloud().v1Issuer(config.tenantId()), Set.of(blueprint, "api://" + blueprint), jwks));
    }

    /**
     * Reads {@code BRIDGE_CALLERS} / the file's {@code callers}:
     * {@code {"trustedIssuers":[{"issuer":"https://…","audiences":["…"],"jwksUri":"https://…"?}]}}.
     */
    static Optional<List<TrustedIssuer>> callerIssuers(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        JsonNode issuers = node.path("trustedIssuers");
        Iterator<String> fields = node.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("trustedIssuers")) {
                throw new ConfigException("BRIDGE_CALLERS", "has an unknown field '" + field
                        + "': write {\"trustedIssuers\":[{\"issuer\":…,\"audiences\":[…]}]}");
            }
        }
        if (!issuers.isArray()) {
            throw new ConfigException("BRIDGE_CALLERS", "needs \"trustedIssuers\": an array of {\"issuer\":…,\"audiences\":[…],\"jwksUri\":…}");
        }
        List<TrustedIssuer> result = new ArrayList<>();
        for (int i = 0; i < issuers.size(); i++) {
            JsonNode n = issuers.get(i);
            String at = "trustedIssuers[" + i + "]";
            if (!n.path("issuer").isTextual()) {
                throw new ConfigException("BRIDGE_CALLERS", at + ".issuer is missing: set it to the exact https issuer URL");
            }
            Set<String> audiences = new LinkedHashSet<>();
            n.path("audiences").forEach(a -> audiences.add(a.asText()));
            try {
                result.add(n.path("jwksUri").isTextual()
                        ? TrustedIssuer.withJwks(n.get("issuer").asText(), audiences, URI.create(n.get("jwksUri").asText()))
                        : TrustedIssuer.discovered(n.get("issuer").asText(), audiences));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("BRIDGE_CALLERS", at + ": " + e.getMessage());
            }
        }
        return result.isEmpty() ? Optional.empty() : Optional.of(result);
    }
}
