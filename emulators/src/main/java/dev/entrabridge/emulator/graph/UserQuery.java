package dev.entrabridge.emulator.graph;

import dev.entrabridge.emulator.http.RecordedRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData query options Graph's {@code /users} supports that agents actually use: {@code $filter}
 * ({@link UserFilter}: {@code startswith(prop,'x')}, {@code prop eq 'x'}, joined by and/or), {@code $search} ({@code "prop:term"}, joined by
 * OR/AND, only with {@code ConsistencyLevel: eventual}), {@code $top} (1–999), {@code $skiptoken}
 * and {@code $select} (unknown properties are an error, as in Graph).
 */
final class UserQuery {

    private static final Pattern SEARCH_CLAUSE = Pattern.compile("^\"(\\w+):([^\"]*)\"$");

    private UserQuery() {
    }

    /** One page of matching users plus the offset of the next page (or -1). */
    record Page(List<Map<String, Object>> values, int nextOffset) { }

    static Page run(List<GraphUser> users, RecordedRequest request) {
        Predicate<GraphUser> filter = u -> true;
        String f = request.queryParam("$filter").orElse(null);
        if (f != null) {
            filter = filter.and(UserFilter.parse(f.trim()));
        }
        String s = request.queryParam("$search").orElse(null);
        if (s != null) {
            if (!request.header("ConsistencyLevel").map("eventual"::equalsIgnoreCase).orElse(false)) {
                throw GraphError.badRequest("Request_UnsupportedQuery", "Request with $search query parameter only works "
                        + "through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
            }
            filter = filter.and(search(s.trim()));
        }
        int top = top(request.queryParam("$top").orElse(null));
        int offset = offset(request.queryParam("$skiptoken").orElse(null));
        List<String> select = select(request.queryParam("$select").orElse(null));
        List<GraphUser> matching = users.stream().filter(filter).toList();
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + top); i++) {
            page.add(project(matching.get(i), select));
        }
        return new Page(page, offset + top < matching.size() ? offset + top : -1);
    }

    static List<String> select(String select) {
        if (select == null || select.isBlank()) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        Set<String> known = new GraphUser("x", "x", "x", null, null, null, null).properties().keySet();
        for (String raw : select.split(",")) {
            String field = raw.trim();
            String match = known.stream().filter(k -> k.equalsIgnoreCase(field)).findFirst().orElseThrow(() ->
                    GraphError.badRequest("Request_BadRequest", "Could not find a property named '" + field
                            + "' on type 'microsoft.graph.user'."));
            fields.add(match);
        }
        return fields;
    }

    static Map<String, Object> project(GraphUser user, List<String> select) {
        Map<String, Object> all = user.properties();
        if (select.isEmpty()) {
            return all;
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        select.forEach(f -> chosen.put(f, all.get(f)));
        return chosen;
    }

    private static Predicate<GraphUser> search(String expression) {
        boolean and = expression.contains(" AND ");
        Predicate<GraphUser> combined = null;
        for (String clause : expression.split(" (?:AND|OR) ")) {
            Matcher m = SEARCH_CLAUSE.matcher(clause.trim());
            if (!m.matches()) {
                throw GraphError.badRequest("Request_UnsupportedQuery", "Syntax error: character '" + clause.trim().charAt(0)
                        + "' is not valid at position 0 in '" + expression + "'.");
            }
            String prop = UserFilter.property(m.group(1));
            String term = m.group(2).toLowerCase(Locale.ROOT);
            // Graph tokenises the property into words and matches each word by prefix.
            Predicate<GraphUser> p = u -> UserFilter.value(u, prop) != null && List.of(UserFilter.value(u, prop).toLowerCase(Locale.ROOT)
                    .split("[^\\p{L}\\p{N}]+")).stream().anyMatch(w -> w.startsWith(term));
            combined = combined == null ? p : and ? combined.and(p) : combined.or(p);
        }
        return combined;
    }

    private static int top(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            int top = Integer.parseInt(raw.trim());
            if (top >= 1 && top <= 999) {
                return top;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw GraphError.badRequest("Request_BadRequest", "Invalid page size specified: '" + raw
                + "'. Must be between 1 and 999 inclusive.");
    }

    private static int offset(String skipToken) {
        if (skipToken == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(skipToken));
        } catch (NumberFormatException e) {
            throw GraphError.badRequest("Request_BadRequest", "Invalid skip token.");
        }
    }
}
