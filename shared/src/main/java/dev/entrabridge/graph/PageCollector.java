package dev.entrabridge.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.config.GraphSettings;
import dev.entrabridge.downstream.DownstreamRequest;
import dev.entrabridge.downstream.DownstreamResponse;
import dev.entrabridge.downstream.RelativePath;
import dev.entrabridge.token.Diagnosis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Graph GET into a {@link GraphResult}: one entity, or a collection whose
 * {@code @odata.nextLink}s are followed until the item cap, the byte cap, the deadline or
 * {@value #MAX_PAGES} pages, whichever comes first — then the result says {@code truncated}. A next
 * link that leaves Graph's origin, version or the allowed prefixes is not followed.
 */
final class PageCollector {

    static final int MAX_PAGES = 20;
    private static final System.Logger LOG = System.getLogger(PageCollector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code {"value":[],"truncated":false}}: what a collection result costs with no item in it. */
    private static final int ENVELOPE_BYTES = 30;

    private final GraphCalls calls;
    private final GraphSettings settings;

    PageCollector(GraphCalls calls, GraphSettings settings) {
        this.calls = calls;
        this.settings = settings;
    }

    GraphResult read(GraphCall call, String firstPath, List<String> allowedPrefixes, int maxItems) {
        JsonNode page = fetch(call, firstPath, allowedPrefixes);
        if (!page.path("value").isArray()) {
            return entity(call, page);
        }
        ArrayNode items = JSON.createArrayNode();
        int bytes = ENVELOPE_BYTES;
        int pages = 1;
        while (true) {
            for (JsonNode raw : page.path("value")) {
                JsonNode item = ModelView.trim(raw);
                if (item == null) {
                    continue;
                }
                int size = utf8Length(item) + (items.isEmpty() ? 0 : 1);
                if (items.isEmpty() && bytes + size > settings.maxResultBytes()) {
                    throw tooLarge(call);
                }
                if (items.size() == maxItems || bytes + size > settings.maxResultBytes()) {
                    return collection(items, true);
                }
                items.add(item);
                bytes += size;
            }
            String link = page.path("@odata.nextLink").asText(null);
            if (link == null) {
                return collection(items, false);
            }
            Optional<RelativePath> next = NextLink.below(link, settings.baseUrl(), GraphCalls.VERSION)
                    .filter(p -> p.isWithin(allowedPrefixes));
            if (next.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "event=graph_next_link_refused operation={0} clientRequestId={1}",
                        call.operation().logName(), call.clientRequestId());
                return collection(items, true);
            }
            if (items.size() == maxItems || pages == MAX_PAGES) {
                return collection(items, true);
            }
            try {
                page = fetch(call, next.get().toString(), allowedPrefixes);
            } catch (GraphException e) {
                if (e.diagnosis().category() != Diagnosis.Category.TRANSIENT) {
                    throw e;
                }
                return collection(items, true); // what was read so far beats nothing when Graph slows down
            }
            pages++;
            if (!page.path("value").isArray()) {
                throw GraphFailures.invalidResponse(call, "continues on page " + pages + " without a 'value' array");
            }
        }
    }

    private JsonNode fetch(GraphCall call, String path, List<String> allowedPrefixes) {
        DownstreamResponse response = calls.send(call, DownstreamRequest.get(path), allowedPrefixes);
        if (response.content() == null) {
            throw GraphFailures.invalidResponse(call, "was empty");
        }
        try {
            JsonNode body = JSON.readTree(response.content());
            if (body == null || !body.isObject()) {
                throw GraphFailures.invalidResponse(call, "is not a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw GraphFailures.invalidResponse(call, "is not JSON (" + response.headers().getOrDefault("content-type",
                    List.of("no content type")).get(0) + ")");
        }
    }

    private GraphResult entity(GraphCall call, JsonNode body) {
        JsonNode trimmed = ModelView.trim(body);
        String json = trimmed == null ? "{}" : trimmed.toString();
        if (json.getBytes(StandardCharsets.UTF_8).length > settings.maxResultBytes()) {
            throw tooLarge(call);
        }
        return new GraphResult(json, 1, false);
    }

    private static GraphResult collection(ArrayNode items, boolean truncated) {
        ObjectNode result = JSON.createObjectNode();
        result.set("value", items);
        result.put("truncated", truncated);
        return new GraphResult(result.toString(), items.size(), truncated);
    }

    private GraphException tooLarge(GraphCall call) {
        return new GraphException(new Diagnosis(Diagnosis.Category.CALLER, "GRAPH_RESULT_TOO_LARGE", "One result of "
                + call.operation().description() + " (" + call.target() + ") is larger than the "
                + settings.maxResultBytes() + " bytes a result may have.", "Select fewer properties ($select), or have "
                + "the operator raise BRIDGE_GRAPH_MAX_BYTES."));
    }

    private static int utf8Length(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
