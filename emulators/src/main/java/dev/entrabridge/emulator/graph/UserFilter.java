package dev.entrabridge.emulator.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData {@code $filter} that Graph's {@code /users} answers without advanced query
 * parameters: {@code startswith(prop,'x')} and {@code prop eq 'x'} on the default-filterable
 * properties, optionally parenthesised, joined by {@code and} (binding tighter) and {@code or}.
 * String literals double their single quotes ({@code 'O''Brien'}); an undoubled quote is a syntax
 * error, as in Graph.
 */
final class UserFilter {

    /** Properties whose {@code eq} and {@code startsWith} work by default (Graph's filter table). */
    private static final Set<String> FILTERABLE = Set.of("displayName", "givenName", "surname", "mail",
            "userPrincipalName", "jobTitle", "id");
    private static final Pattern STARTSWITH = Pattern.compile("^startswith\\((\\w+),\\s*'((?:[^']|'')*)'\\)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EQ = Pattern.compile("^(\\w+)\\s+eq\\s+'((?:[^']|'')*)'$", Pattern.CASE_INSENSITIVE);

    /** Graph refuses longer startsWith values, with its generic message for the property. */
    private static final int MAX_PREFIX = 120;

    private UserFilter() {
    }

    static Predicate<GraphUser> parse(String expression) {
        Predicate<GraphUser> any = null;
        for (String alternative : splitTopLevel(expression, "or")) {
            Predicate<GraphUser> all = null;
            for (String part : splitTopLevel(alternative, "and")) {
                Predicate<GraphUser> clause = clause(unwrap(part.trim()), expression);
                all = all == null ? clause : all.and(clause);
            }
            any = any == null ? all : any.or(all);
        }
        return any;
    }

    private static Predicate<GraphUser> clause(String clause, String expression) {
        Matcher m = STARTSWITH.matcher(clause);
        if (m.matches()) {
            String prop = property(m.group(1));
            String prefix = m.group(2).replace("''", "'").toLowerCase(Locale.ROOT);
            if (prefix.length() > MAX_PREFIX) {
                throw unsupported(prop);
            }
            return u -> value(u, prop) != null && value(u, prop).toLowerCase(Locale.ROOT).startsWith(prefix);
        }
        m = EQ.matcher(clause);
        if (m.matches()) {
            String prop = property(m.group(1));
            String expected = m.group(2).replace("''", "'");
            return u -> value(u, prop) != null && value(u, prop).equalsIgnoreCase(expected);
        }
        syntax(expression);
        throw GraphError.badRequest("Request_UnsupportedQuery", "Unsupported Query.");
    }

    /** A string literal must be followed by ')', whitespace or the end; Graph names the first character that is not. */
    private static void syntax(String expression) {
        boolean quoted = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c != '\'') {
                continue;
            }
            if (quoted && i + 1 < expression.length() && expression.charAt(i + 1) == '\'') {
                i++;
                continue;
            }
            quoted = !quoted;
            int next = i + 1;
            if (!quoted && next < expression.length() && expression.charAt(next) != ')'
                    && !Character.isWhitespace(expression.charAt(next))) {
                throw GraphError.badRequest("BadRequest", "Syntax error: character '" + expression.charAt(next)
                        + "' is not valid at position " + next + " in '" + expression + "'.");
            }
        }
    }

    /** Splits at {@code keyword} surrounded by whitespace, outside string literals and parentheses. */
    private static List<String> splitTopLevel(String s, String keyword) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // a doubled quote toggles twice and stays inside the literal
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && Character.isWhitespace(c)
                    && s.regionMatches(true, i + 1, keyword, 0, keyword.length())
                    && i + 1 + keyword.length() < s.length()
                    && Character.isWhitespace(s.charAt(i + 1 + keyword.length()))) {
                parts.add(s.substring(start, i));
                start = i + 1 + keyword.length();
                i = start;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** {@code (clause)} → {@code clause} when the first parenthesis closes at the end. */
    private static String unwrap(String clause) {
        if (!clause.startsWith("(") || !clause.endsWith(")")) {
            return clause;
        }
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i == clause.length() - 1 ? unwrap(clause.substring(1, i).trim()) : clause;
            }
        }
        return clause;
    }

    static String property(String name) {
        return FILTERABLE.stream().filter(p -> p.equalsIgnoreCase(name)).findFirst().orElseThrow(() -> unsupported(name));
    }

    private static GraphError unsupported(String property) {
        return GraphError.badRequest("Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified "
                + "for property '" + property + "' of resource 'User'.");
    }

    static String value(GraphUser u, String prop) {
        Object v = "id".equals(prop) ? u.id() : u.properties().get(prop);
        return v == null ? null : v.toString();
    }
}
