package dev.entrabridge.emulator.graph;

import dev.entrabridge.emulator.http.RecordedRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OData options Outlook-backed collections ({@code calendarView}) take: {@code $top} (page size,
 * default 10 as in Outlook, larger values capped at 1000), {@code $skip} (what their
 * {@code @odata.nextLink} carries), {@code $select} (unknown properties are an error; {@code id} and
 * {@code @odata.etag} always come back) and {@code $orderby} on {@code start/dateTime},
 * {@code end/dateTime} or {@code subject}.
 */
final class EventQuery {

    static final int DEFAULT_PAGE = 10;
    static final int MAX_PAGE = 1000;
    private static final Set<String> SELECTABLE = Set.of("id", "subject", "start", "end", "location");
    private static final Set<String> ALWAYS = Set.of("@odata.etag", "id");

    private EventQuery() {
    }

    /** One page of events plus the offset of the next page (or -1). */
    record Page(List<Map<String, Object>> values, int nextOffset) { }

    static Page run(List<GraphEvent> events, RecordedRequest r) {
        int top = integer(r, "$top", DEFAULT_PAGE, 1);
        int skip = integer(r, "$skip", 0, 0);
        List<String> select = select(r.queryParam("$select").orElse(null));
        List<GraphEvent> ordered = new ArrayList<>(events);
        ordered.sort(order(r.queryParam("$orderby").orElse("start/dateTime")));
        List<Map<String, Object>> page = new ArrayList<>();
        int size = Math.min(top, MAX_PAGE);
        for (int i = skip; i < Math.min(ordered.size(), skip + size); i++) {
            page.add(project(ordered.get(i).properties(), select));
        }
        return new Page(page, skip + size < ordered.size() ? skip + size : -1);
    }

    private static Comparator<GraphEvent> order(String orderBy) {
        String[] parts = orderBy.trim().split("\\s+");
        Comparator<GraphEvent> c;
        switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "start/datetime":
                c = Comparator.comparing(GraphEvent::start);
                break;
            case "end/datetime":
                c = Comparator.comparing(GraphEvent::end);
                break;
            case "subject":
                c = Comparator.comparing(e -> e.subject() == null ? "" : e.subject());
                break;
            default:
                throw unknownProperty(parts[0]);
        }
        if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)asc|desc"))) {
            throw GraphError.badRequest("BadRequest", "Syntax error: character '" + parts[parts.length - 1].charAt(0)
                    + "' is not valid at position " + orderBy.lastIndexOf(parts[parts.length - 1]) + " in '" + orderBy + "'.");
        }
        return parts.length == 2 && parts[1].equalsIgnoreCase("desc") ? c.reversed() : c;
    }

    private static List<String> select(String select) {
        if (select == null || select.isBlank()) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (String raw : select.split(",")) {
            String field = raw.trim();
            fields.add(SELECTABLE.stream().filter(k -> k.equalsIgnoreCase(field)).findFirst()
                    .orElseThrow(() -> unknownProperty(field)));
        }
        return fields;
    }

    private static Map<String, Object> project(Map<String, Object> all, List<String> select) {
        if (select.isEmpty()) {
            return all;
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (ALWAYS.contains(k) || select.contains(k)) {
                chosen.put(k, v);
            }
        });
        return chosen;
    }

    private static int integer(RecordedRequest r, String option, int dflt, int min) {
        String raw = r.queryParam(option).orElse(null);
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw GraphError.badRequest("BadRequest", "Invalid " + option + " value '" + raw + "': expected an integer of at least "
                + min + ".");
    }

    private static GraphError unknownProperty(String name) {
        return GraphError.badRequest("BadRequest", "Could not find a property named '" + name
                + "' on type 'microsoft.graph.event'.");
    }
}
