package dev.entrabridge.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthorizationHeaderBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJwtIsCopiedInByteForByteAsJacksonWouldWriteIt() throws Exception {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLV8";

        byte[] body = SidecarRoutes.authorizationHeaderBody(jwt);

        assertArrayEquals(JSON.writeValueAsBytes(Map.of("authorizationHeader", "Bearer " + jwt)), body);
        assertEquals("Bearer " + jwt, JSON.readTree(body).get("authorizationHeader").asText());
    }

    @Test
    void aValueJsonMustEscapeOrEncodeGoesThroughJackson() throws Exception {
        for (String odd : List.of("quote\"in", "back\\slash", "new\nline", "caf\u00e9", "tab\there", "del\u007f")) {
            byte[] body = SidecarRoutes.authorizationHeaderBody(odd);

            assertEquals("Bearer " + odd, JSON.readTree(body).get("authorizationHeader").asText(), odd);
            assertArrayEquals(JSON.writeValueAsBytes(Map.of("authorizationHeader", "Bearer " + odd)), body, odd);
        }
    }

    @Test
    void theTokenAnswerCarriesTheNoStoreHeadersAndAnUncopiedReadOnlyBody() {
        byte[] json = "{\"authorizationHeader\":\"Bearer x\"}".getBytes(StandardCharsets.UTF_8);

        BridgeResponse answer = BridgeResponse.tokenJson(json);

        assertEquals(200, answer.status());
        assertEquals(BridgeResponse.json(200, new String(json, StandardCharsets.UTF_8)).noStore().headers(), answer.headers());
        assertEquals(json.length, answer.bodyBuffer().remaining());
        assertEquals(true, answer.bodyBuffer().isReadOnly());
        assertArrayEquals(json, answer.body());
    }
}
