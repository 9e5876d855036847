package dev.entrabridge.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/**
 * What a read operation found, trimmed for a model: no {@code @odata.*} annotations, no empty or
 * null properties, at most {@code BRIDGE_GRAPH_MAX_BYTES} of JSON.
 *
 * @param json      a collection as {@code {"value":[…],"truncated":false}}, one entity as its object
 * @param count     items in {@code value} (1 for an entity)
 * @param truncated whether more results existed than were returned (a cap, the deadline, or a next
 *                  page that could not be followed)
 */
public record GraphResult(String json, int count, boolean truncated) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public GraphResult {
        Objects.requireNonNull(json, "json");
    }

    /** {@link #json()} parsed, a fresh tree on every call. */
    public JsonNode tree() {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a GraphResult always holds JSON", e);
        }
    }
}
