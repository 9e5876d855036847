package dev.entrabridge.emulator.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entrabridge.emulator.http.EmulatorResponse;
import dev.entrabridge.emulator.http.RecordedRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graph's OData response shapes: an entity with {@code @odata.context}, a collection with {@code value}. */
final class GraphResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ODATA_JSON =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    private final URI baseUrl;

    GraphResponses(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    EmulatorResponse entity(String version, String context, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", baseUrl + "/" + version + "/$metadata#" + context);
        body.putAll(properties);
        return json(body);
    }

    EmulatorResponse collection(String version, String context, List<Map<String, Object>> values, String nextLink) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", baseUrl + "/" + version + "/$metadata#" + context);
        if (nextLink != null) {
            body.put("@odata.nextLink", nextLink);
        }
        body.put("value", values);
        return json(body);
    }

    /**
     * The next page's link: {@code path} (segments percent-encoded) with the request's query, its
     * paging option ({@code $skiptoken} for directory objects, {@code $skip} for Outlook ones) set to {@code offset}.
     */
    String nextLink(String path, RecordedRequest r, String pagingOption, int offset) {
        StringBuilder q = new StringBuilder(baseUrl.toString());
        for (String segment : path.substring(1).split("/")) {
            q.append('/').append(encode(segment).replace("%40", "@"));
        }
        q.append('?');
        r.query().forEach((name, values) -> {
            if (!name.equals(pagingOption)) {
                values.forEach(v -> q.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        return q.append(pagingOption).append('=').append(offset).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%24", "$").replace("+", "%20");
    }

    /** Graph answers 405 for a known resource with the wrong method. */
    static void requireMethod(RecordedRequest r, String expected) {
        if (!r.method().equals(expected)) {
            throw new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
        }
    }

    static GraphError unknownSegment(String segment) {
        return GraphError.badRequest("BadRequest", "Resource not found for the segment '" + segment + "'.");
    }

    private static EmulatorResponse json(Object body) {
        try {
            return EmulatorResponse.of(200, ODATA_JSON, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
