package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document and the function-details schema in {@code infra/aws/} — the files Bedrock is
 * given — describe exactly the actions the handler serves: the same operations, parameters, types,
 * required flags and (OpenAPI) locations. Then each kind of drift is made on a copy to show the
 * comparison catches it, and Bedrock's own limits on action groups are checked.
 */
class ActionSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode openApi = read("infra/aws/bedrock-openapi.json");
    private final JsonNode functions = read("infra/aws/bedrock-functions.json");

    @Test
    void theOpenApiDocumentDescribesWhatTheHandlerServes() {
        assertThat(SchemaComparison.withOpenApi(GraphActions.ALL, openApi)).isEmpty();
    }

    @Test
    void theFunctionDetailsSchemaDescribesWhatTheHandlerServes() {
        assertThat(SchemaComparison.withFunctions(GraphActions.ALL, functions)).isEmpty();
    }

    @Test
    void aDriftInTheOpenApiDocumentIsCaught() {
        ObjectNode drifted = openApi.deepCopy();
        ObjectNode paths = (ObjectNode) drifted.get("paths");
        ((ObjectNode) paths.get("/users").get("get").get("parameters").get(1).get("schema")).put("type", "string");
        ((ObjectNode) paths.get("/users/{user}/calendarView").get("get").get("parameters").get(2)).put("required", false);
        ((ArrayNode) paths.get("/users/{from}/sendMail").get("post").at("/requestBody/content/application~1json/schema/required"))
                .removeAll();
        ((ArrayNode) paths.get("/users/{user}").get("get").get("parameters")).remove(1);
        ((ObjectNode) paths.get("/resources").get("get")).put("operationId", "readAnything");

        assertThat(SchemaComparison.withOpenApi(GraphActions.ALL, drifted)).containsExactlyInAnyOrder(
                "OpenAPI searchUsers: top is string, the handler converts it as integer",
                "OpenAPI calendarView: end is optional, the handler has it required",
                "OpenAPI sendMail: to is optional, the handler has it required",
                "OpenAPI sendMail: subject is optional, the handler has it required",
                "OpenAPI getUser: no parameter select, which the handler reads",
                "OpenAPI: no operation getResource, which the handler serves",
                "OpenAPI: declares readAnything, which the handler does not serve");
    }

    @Test
    void aDriftInTheFunctionDetailsSchemaIsCaught() {
        ObjectNode drifted = functions.deepCopy();
        ArrayNode list = (ArrayNode) drifted.get("functions");
        ((ObjectNode) list.get(1).get("parameters").get("top")).put("type", "number");
        ((ObjectNode) list.get(3).get("parameters").get("html")).put("required", true);
        ((ObjectNode) list.get(0).get("parameters")).putObject("tenant").put("type", "string").put("required", false);
        list.remove(4);

        assertThat(SchemaComparison.withFunctions(GraphActions.ALL, drifted)).containsExactlyInAnyOrder(
                "functions searchUsers: top is number, the handler converts it as integer",
                "functions sendMail: html is required, the handler has it optional",
                "functions getUser: declares tenant, which the handler refuses as unknown",
                "functions: no operation getResource, which the handler serves");
    }

    @Test
    void aMovedOpenApiParameterIsCaught() {
        ObjectNode drifted = openApi.deepCopy();
        ((ObjectNode) drifted.at("/paths/~1users~1{user}/get/parameters/1")).put("in", "path");

        assertThat(SchemaComparison.withOpenApi(GraphActions.ALL, drifted))
                .containsExactly("OpenAPI getUser: select is in PATH, the handler expects it in QUERY");
    }

    @Test
    void bothSchemasStayWithinBedrocksLimits() {
        assertThat(openApi.path("openapi").asText()).isEqualTo("3.0.0");
        assertThat(functions.path("functions")).hasSizeLessThanOrEqualTo(5);
        functions.path("functions").forEach(f -> {
            assertThat(f.path("parameters").size()).as(f.path("name").asText()).isLessThanOrEqualTo(5);
            assertThat(f.path("description").asText()).hasSizeBetween(1, 1200);
            f.path("parameters").forEach(p -> assertThat(p.path("description").asText()).hasSizeBetween(1, 500));
        });
        int operations = 0;
        for (JsonNode path : openApi.path("paths")) {
            for (JsonNode operation : path) {
                operations++;
                assertThat(operation.path("description").asText()).isNotBlank();
                assertThat(operation.path("responses").path("200").path("content").has("application/json")).isTrue();
            }
        }
        assertThat(operations).isLessThanOrEqualTo(11);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ActionSchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test classpath").isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
