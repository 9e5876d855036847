package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Bicep file as {@code infra/tools/bicep-check.mjs} reads it with tree-sitter-bicep: its syntax and symbol
 * errors, parameters, resources (type, API version, body as ARM JSON) and outputs.
 */
final class BicepTemplate {

    private final int exit;
    private final JsonNode result;

    private BicepTemplate(int exit, JsonNode result) {
        this.exit = exit;
        this.result = result;
    }

    static BicepTemplate read(Path file) {
        InfraTool.NODE_TOOLS.require();
        InfraTool.Outcome o = InfraTool.run(List.of("node", Repository.tools().resolve("bicep-check.mjs").toString(),
                file.toString()), Repository.tools());
        if (o.out().isBlank()) {
            throw new IllegalStateException("bicep-check.mjs printed nothing: " + o.err());
        }
        return new BicepTemplate(o.exit(), Templates.json(o.out()));
    }

    boolean clean() {
        return exit == 0;
    }

    List<String> syntaxErrors() {
        return strings(result.path("syntaxErrors"));
    }

    List<String> symbolErrors() {
        return strings(result.path("symbolErrors"));
    }

    JsonNode parameters() {
        return result.path("parameters");
    }

    List<JsonNode> resources() {
        List<JsonNode> out = new ArrayList<>();
        result.path("resources").forEach(out::add);
        return out;
    }

    JsonNode resource(String symbol) {
        return resources().stream().filter(r -> r.path("symbol").asText().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no resource " + symbol));
    }

    List<String> outputs() {
        return strings(result.path("outputs"));
    }

    /** The function app's app settings, name → value (literal, or the Bicep expression as "[…]"). */
    Map<String, String> appSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (JsonNode r : resources()) {
            if (r.path("type").asText().equalsIgnoreCase("Microsoft.Web/sites")) {
                r.path("body").path("properties").path("siteConfig").path("appSettings")
                        .forEach(s -> settings.put(s.path("name").asText(), s.path("value").asText()));
            }
        }
        return settings;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
