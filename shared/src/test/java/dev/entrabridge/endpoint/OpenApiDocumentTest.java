package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.audit.AuditLog;
import dev.entrabridge.config.DownstreamApi;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.policy.CallerPolicy;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the OpenAPI document at {@code /openapi/v1.json} true: it parses without a message, documents
 * exactly the routes and methods of {@link ContractRoute} (the table the endpoint dispatches on), every
 * documented operation is served, and nothing the endpoint serves is left out.
 */
class OpenApiDocumentTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final BridgeEndpoint endpoint = BridgeEndpoint.builder()
            .issuance(TokenIssuance.builder()
                    .tokens(r -> {
                        throw new AgentTokenException(new Diagnosis(Diagnosis.Category.TRANSIENT, "TEST", "no core here", "none"));
                    })
                    .policy(CallerPolicy.denyAll())
                    .audit(new AuditLog(line -> { }, java.time.Clock.systemUTC()))
                    .apis(List.of(new DownstreamApi("graph", URI.create("https://graph.microsoft.com/v1.0/"),
                            List.of("https://graph.microsoft.com/.default"), List.of())))
                    .build())
            .build();

    @Test
    void theDocumentParsesAsOpenApi3WithoutAMessage() {
        SwaggerParseResult result = parse();

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0");
        assertThat(result.getOpenAPI().getComponents().getSchemas().get("ProblemDetails").getProperties())
                .containsKeys("type", "title", "status", "detail", "code", "remedy", "correlationId");
    }

    @Test
    void itDocumentsExactlyTheRoutesAndMethodsOfTheRouteTable() {
        Map<String, Set<String>> documented = new TreeMap<>();
        parse().getOpenAPI().getPaths().forEach((path, item) -> documented.put(path, methods(item)));
        Map<String, Set<String>> table = Arrays.stream(ContractRoute.values())
                .collect(Collectors.toMap(ContractRoute::template, r -> new TreeSet<>(r.documentedMethods()), (a, b) -> a, TreeMap::new));

        assertThat(documented).isEqualTo(table);
    }

    @Test
    void everyDocumentedOperationIsServedAndEveryServedOneIsDocumented() {
        OpenAPI api = parse().getOpenAPI();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            Set<String> documented = methods(path.getValue());
            String concrete = path.getKey().replace("{apiName}", "graph");
            for (String method : METHODS) {
                boolean served = served(method, concrete);
                if (documented.contains(method)) {
                    assertThat(served).as("%s %s is documented but not served", method, path.getKey()).isTrue();
                } else if (served) {
                    assertThat(ContractRoute.named(concrete.substring(1).split("/")[0]).orElseThrow().methods())
                            .as("%s %s is served but not documented", method, path.getKey()).isEmpty();
                }
            }
        }
        for (String undocumented : List.of("/admin", "/AuthorizationHeader", "/openapi/v2.json", "/Validate/x", "/healthz/x")) {
            assertThat(served("GET", undocumented)).as(undocumented).isFalse();
        }
    }

    @Test
    void theEndpointServesThisVeryDocument() throws Exception {
        BridgeResponse response = endpoint.handle(request("GET", "/openapi/v1.json"));
        BridgeResponse head = endpoint.handle(request("HEAD", "/OpenAPI/v1.json"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(new ObjectMapper().readTree(response.bodyText())).isEqualTo(new ObjectMapper().readTree(OpenApiDocument.text()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    /** Served: answered by the route (any status) rather than refused as an unknown route or a wrong method. */
    private boolean served(String method, String path) {
        BridgeResponse response = endpoint.handle(request(method, path));
        String body = response.bodyText();
        return !(response.status() == 404 && body.contains("BRIDGE_UNKNOWN_ROUTE")) && response.status() != 405;
    }

    private static BridgeRequest request(String method, String path) {
        return new BridgeRequest(method, path, Map.of(), Map.of(), new byte[0], "127.0.0.1", Caller.loopback("127.0.0.1"));
    }

    private static Set<String> methods(PathItem item) {
        return item.readOperationsMap().keySet().stream().map(m -> m.name().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(OpenApiDocument.text(), null, options);
    }
}
