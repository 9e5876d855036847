package dev.entrabridge.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entrabridge.endpoint.BridgeRequest;
import dev.entrabridge.endpoint.BridgeResponse;
import dev.entrabridge.endpoint.FormDecoding;
import dev.entrabridge.endpoint.RequestRefused;
import dev.entrabridge.inbound.Caller;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Translates between a Lambda Function URL's payload-2.0 event and the endpoint's records, and does
 * nothing else. The raw path and raw query string are used (repeated parameters stay visible to the
 * contract's rules), base64 bodies are decoded, and the caller is the IAM principal Lambda verified
 * ({@code requestContext.authorizer.iam.userArn}); without one the request has no caller and the token
 * routes refuse it. What belongs to that SigV4 check rather than to the request — a SigV4
 * {@code Authorization} header, presigned {@code X-Amz-*} query parameters — is dropped, so a caller
 * that presigns can send a user's token in {@code Authorization: Bearer} for the on-behalf-of routes.
 */
final class FunctionUrlMapping {

    /** Lambda's limit on a synchronous invocation's payload. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "arn:aws(-cn|-us-gov|-iso|-iso-[a-z])?:(iam|sts)::\\d{12}:[A-Za-z0-9+=,.@_/-]{1,1024}");
    private static final String SIGV4 = "AWS4-HMAC-SHA256";

    private FunctionUrlMapping() {
    }

    /**
     * The request of a Function URL event.
     *
     * @throws RequestRefused 400 when the event is not a payload-2.0 Function URL event, its body is not
     *                        valid base64, or its query string is not valid UTF-8 form encoding
     */
    static BridgeRequest request(byte[] event) {
        JsonNode root = tree(event);
        JsonNode context = root.path("requestContext");
        JsonNode http = context.path("http");
        String method = http.path("method").asText("");
        if (!"2.0".equals(root.path("version").asText()) || method.isEmpty() || !root.path("rawPath").isTextual()) {
            throw malformed("The event is not a Lambda Function URL request (payload format 2.0).");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        root.path("headers").properties().forEach(h -> {
            String value = h.getValue().asText("");
            boolean sigV4 = h.getKey().equalsIgnoreCase("Authorization") && value.startsWith(SIGV4);
            if (!sigV4) {
                headers.put(h.getKey(), List.of(value));
            }
        });
        Map<String, List<String>> query = new LinkedHashMap<>(FormDecoding.decode(root.path("rawQueryString").asText("")));
        query.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).startsWith("x-amz-"));
        return new BridgeRequest(method, root.path("rawPath").asText(), query, headers, body(root),
                http.path("sourceIp").asText(null), caller(context));
    }

    /** The payload-2.0 response Lambda turns into the HTTP answer. */
    static byte[] response(BridgeResponse response) {
        ObjectNode root = JSON.createObjectNode().put("statusCode", response.status());
        ObjectNode headers = root.putObject("headers");
        response.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        byte[] body = response.body();
        String text = utf8(body);
        root.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        root.put("isBase64Encoded", text == null);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] event) {
        if (event.length > MAX_EVENT_BYTES) {
            throw RequestRefused.badRequest("BRIDGE_BODY_TOO_LARGE", "The request is larger than Lambda accepts.",
                    "Send a smaller body.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (IOException e) {
            throw malformed("The event is not a JSON document.");
        }
        if (root == null || !root.isObject()) {
            throw malformed("The event is not a JSON object.");
        }
        return root;
    }

    private static byte[] body(JsonNode root) {
        JsonNode body = root.path("body");
        if (!body.isTextual()) {
            return new byte[0];
        }
        if (!root.path("isBase64Encoded").asBoolean(false)) {
            return body.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body.asText());
        } catch (IllegalArgumentException e) {
            throw RequestRefused.badRequest("BRIDGE_BAD_ENCODING", "The request body is marked base64 but is not.",
                    "Send the body as it is, or as valid base64.");
        }
    }

    private static Caller caller(JsonNode context) {
        String arn = context.path("authorizer").path("iam").path("userArn").asText("");
        return PRINCIPAL_ARN.matcher(arn).matches() ? Caller.awsIam(arn) : null;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static RequestRefused malformed(String detail) {
        return RequestRefused.badRequest("BRIDGE_MALFORMED_EVENT", detail,
                "Invoke this function through its Function URL (payload format 2.0).");
    }
}
