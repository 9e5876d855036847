package dev.entrabridge.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A Graph path with its query, built so caller-supplied text can only ever be a value: OData string
 * literals double their single quotes, and every value is percent-encoded (spaces as {@code %20},
 * never {@code +}).
 */
final class GraphQuery {

    private final StringBuilder text;
    private char separator = '?';

    GraphQuery(String path) {
        this.text = new StringBuilder(path);
    }

    /** Appends {@code name=value}; {@code name} is ours (e.g. {@code $filter}), {@code value} is encoded. */
    GraphQuery param(String name, String value) {
        text.append(separator).append(name).append('=').append(encode(value));
        separator = '&';
        return this;
    }

    /** An OData string literal: {@code O'Brien} → {@code 'O''Brien'}. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** RFC 3986 percent-encoding of UTF-8: only unreserved characters stay as they are. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
