package dev.entrabridge.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Graph JSON reduced to what a model reads: annotations ({@code @odata.context}, {@code @odata.etag},
 * {@code @microsoft.graph.*} …) go, and so do nulls, empty strings, and arrays or objects left empty.
 */
final class ModelView {

    private ModelView() {
    }

    /** A trimmed copy, or {@code null} when nothing is left. */
    static JsonNode trim(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText().isEmpty() ? null : node;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> {
                JsonNode kept = trim(element);
                if (kept != null) {
                    out.add(kept);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().startsWith("@")) {
                    continue;
                }
                JsonNode kept = trim(field.getValue());
                if (kept != null) {
                    out.set(field.getKey(), kept);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return node;
    }
}
