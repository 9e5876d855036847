package dev.entrabridge.endpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (query strings and form bodies)
 * strictly: a bad percent escape or bytes that are not UTF-8 are refused, never replaced, so a
 * mangled parameter cannot silently become a different one.
 */
public final class FormDecoding {

    private FormDecoding() {
    }

    /**
     * Decodes a raw query string or form body; repeated names keep every value in order.
     *
     * @throws RequestRefused 400 when an escape is malformed or the bytes are not UTF-8
     */
    public static Map<String, List<String>> decode(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = component(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : component(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    static String component(String s) {
        if (plainAscii(s)) {
            // Nothing to decode (the common AgentIdentity=mail-agent): no byte buffer and no UTF-8 decoder.
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    throw RequestRefused.badRequest("BRIDGE_BAD_ENCODING",
                            "A parameter has a malformed percent escape.",
                            "Percent-encode parameters as UTF-8 (e.g. %2F for '/').");
                }
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return utf8(bytes.toByteArray(), "A parameter");
    }

    /**
     * Decodes bytes as UTF-8, refusing malformed input.
     *
     * @param what names the input in the error, e.g. "The request body"
     */
    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RequestRefused.badRequest("BRIDGE_BAD_ENCODING", what + " is not valid UTF-8.",
                    "Send UTF-8 text.");
        }
    }

    private static boolean plainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
