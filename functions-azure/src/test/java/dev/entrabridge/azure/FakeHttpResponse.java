package dev.entrabridge.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A response as the worker would send it back to the host: status, single-valued headers, body bytes. */
final class FakeHttpResponse implements HttpResponseMessage {

    private final HttpStatusType status;
    private final Map<String, String> headers;
    private final Object body;

    private FakeHttpResponse(HttpStatusType status, Map<String, String> headers, Object body) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    /** The host's own answer when no function matches (its routing 404: no problem document). */
    static FakeHttpResponse hostAnswer(int status) {
        return new FakeHttpResponse(HttpStatusType.custom(status), new TreeMap<>(), null);
    }

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    Map<String, List<String>> headers() {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> all.put(k, List.of(v)));
        return all;
    }

    @Override
    public Object getBody() {
        return body;
    }

    /** The body as text; the adapter must hand the host bytes, never a String the worker would re-encode. */
    String bodyText() {
        if (body == null) {
            return "";
        }
        if (!(body instanceof byte[])) {
            throw new AssertionError("the body is a " + body.getClass().getName() + ", not bytes");
        }
        return new String((byte[]) body, StandardCharsets.UTF_8);
    }

    /** What {@code createResponseBuilder} returns. */
    static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Object body;

        Builder(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType value) {
            status = value;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String name, String value) {
            if (headers.containsKey(name)) {
                throw new AssertionError("header " + name + " set twice: the worker would keep only one");
            }
            headers.put(name, value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object value) {
            body = value;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return new FakeHttpResponse(status, new TreeMap<>(headers), body);
        }
    }
}
