package dev.entrabridge.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.endpoint.contract.ContractTarget.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload-2.0 event a Lambda Function URL with {@code AuthType: AWS_IAM} hands the function
 * for an HTTP request — lower-case header names, the raw path and query as sent, a text body as it is
 * and any other body base64-encoded, the verified principal in {@code requestContext.authorizer.iam} —
 * and reads the function's payload-2.0 answer back as an HTTP response.
 */
final class FunctionUrlRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionUrlRequests() {
    }

    /** @param principalArn the IAM principal Lambda verified, or {@code null} for none */
    static byte[] event(String method, String pathAndQuery, Map<String, String> headers, byte[] body, String principalArn) {
        int q = pathAndQuery.indexOf('?');
        String rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", rawPath).put("rawQueryString", q < 0 ? "" : pathAndQuery.substring(q + 1));
        ObjectNode h = event.putObject("headers").put("host", "contract.lambda-url.us-east-1.on.aws");
        headers.forEach((name, value) -> h.put(name.toLowerCase(Locale.ROOT), value));
        ObjectNode context = event.putObject("requestContext").put("accountId", "123456789012").put("apiId", "contract")
                .put("domainName", "contract.lambda-url.us-east-1.on.aws").put("requestId", "contract-suite")
                .put("routeKey", "$default").put("stage", "$default").put("timeEpoch", System.currentTimeMillis());
        context.putObject("http").put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1")
                .put("sourceIp", "198.51.100.7").put("userAgent", "contract-suite");
        if (principalArn != null) {
            context.putObject("authorizer").putObject("iam").put("accountId", "123456789012")
                    .put("userArn", principalArn).put("userId", "AROACONTRACTSUITE:contract");
        }
        if (body.length > 0) {
            String text = textual(headers) ? utf8(body) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The function's payload-2.0 answer as the HTTP response Lambda would send. */
    static Response response(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            root.path("headers").properties().forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
            String body = root.path("body").asText("");
            if (root.path("isBase64Encoded").asBoolean()) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            return new Response(root.path("statusCode").asInt(), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException("the handler's answer is not JSON", e);
        }
    }

    private static boolean textual(Map<String, String> headers) {
        String type = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse("").toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json") || type.contains("+json")
                || type.startsWith("application/x-www-form-urlencoded") || type.contains("xml");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
