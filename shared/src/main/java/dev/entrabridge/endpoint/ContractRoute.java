package dev.entrabridge.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every route of the HTTP contract, once: the endpoint dispatches on this table and the OpenAPI
 * document's test compares its paths and methods with it, so the two cannot drift apart. Route names
 * match case-insensitively, as ASP.NET matches them for Microsoft's sidecar.
 */
enum ContractRoute {
    AUTHORIZATION_HEADER_UNAUTHENTICATED("AuthorizationHeaderUnauthenticated", "{apiName}", Set.of("GET")),
    AUTHORIZATION_HEADER("AuthorizationHeader", "{apiName}", Set.of("GET")),
    DOWNSTREAM_API_UNAUTHENTICATED("DownstreamApiUnauthenticated", "{apiName}", Set.of("POST")),
    DOWNSTREAM_API("DownstreamApi", "{apiName}", Set.of("POST")),
    VALIDATE("Validate", null, Set.of("GET")),
    TOKEN("token", null, Set.of("POST")),
    /** Any method answers, as Microsoft's health check does; GET and HEAD are the ones documented. */
    HEALTHZ("healthz", null, Set.of()),
    OPENAPI("openapi", "v1.json", Set.of("GET", "HEAD"));

    /** The second segment of the routes that name a configured API. */
    static final String API = "{apiName}";

    private final String name;
    private final String second;
    private final Set<String> methods;

    ContractRoute(String name, String second, Set<String> methods) {
        this.name = name;
        this.second = second;
        this.methods = methods;
    }

    /** The route as the OpenAPI document writes it, e.g. {@code /AuthorizationHeader/{apiName}}. */
    String template() {
        return "/" + name + (second == null ? "" : "/" + second);
    }

    boolean namesApi() {
        return API.equals(second);
    }

    /** The methods served; empty means every method. */
    Set<String> methods() {
        return methods;
    }

    /** The methods the OpenAPI document lists. */
    Set<String> documentedMethods() {
        return methods.isEmpty() ? Set.of("GET", "HEAD") : methods;
    }

    boolean serves(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** Whether a parsed path is this route's shape (the {@code {apiName}} segment, a fixed one, or none). */
    boolean fits(RoutePath path) {
        if (second == null || namesApi()) {
            return path.api().isPresent() == namesApi();
        }
        return path.api().map(second::equalsIgnoreCase).orElse(false);
    }

    static Optional<ContractRoute> named(String firstSegment) {
        String lower = firstSegment.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    /** Every route template, for the refusal of an unknown route. */
    static String all() {
        List<String> templates = Arrays.stream(values()).map(ContractRoute::template).toList();
        return templates.stream().collect(Collectors.joining(", "));
    }
}
