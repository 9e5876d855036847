package dev.entrabridge.emulator.sts;

import dev.entrabridge.emulator.http.EmulatorResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The STS Query-protocol XML bodies, shaped exactly like AWS's (see the fixtures under test resources). */
final class QueryResponses {

    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private QueryResponses() {
    }

    static EmulatorResponse webIdentityToken(String token, Instant expiration, String requestId) {
        return EmulatorResponse.xml(200, "<GetWebIdentityTokenResponse xmlns=\"" + NS + "\">\n"
                + "  <GetWebIdentityTokenResult>\n"
                + "    <WebIdentityToken>" + token + "</WebIdentityToken>\n"
                + "    <Expiration>" + EXPIRATION.format(expiration) + "</Expiration>\n"
                + "  </GetWebIdentityTokenResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + requestId + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</GetWebIdentityTokenResponse>\n").withHeader("x-amzn-RequestId", requestId);
    }

    static EmulatorResponse error(StsError e, String requestId) {
        return EmulatorResponse.xml(e.status(), "<ErrorResponse xmlns=\"" + NS + "\">\n"
                + "  <Error>\n"
                + "    <Type>Sender</Type>\n"
                + "    <Code>" + e.code() + "</Code>\n"
                + "    <Message>" + xmlEscape(e.getMessage()) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n").withHeader("x-amzn-RequestId", requestId);
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
