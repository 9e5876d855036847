package dev.entrabridge.emulator.sts;

import dev.entrabridge.emulator.http.RecordedRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4 on a received request by recomputing it from the secret of the
 * access key named in the credential scope (canonical request, string to sign, HMAC key chain),
 * the way AWS front doors do, so a client that signs wrongly fails here as it would in AWS.
 */
final class SigV4Verifier {

    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    private final String service;
    private final String region;
    private final Function<String, StsPrincipal> principals;

    SigV4Verifier(String service, String region, Function<String, StsPrincipal> principals) {
        this.service = service;
        this.region = region;
        this.principals = principals;
    }

    /** The principal whose key signed {@code request}, or the error AWS would answer. */
    StsPrincipal verify(RecordedRequest request, Instant now) throws StsError {
        String authorization = request.header("authorization").orElseThrow(() ->
                new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token"));
        Map<String, String> auth = parseAuthorization(authorization);
        String[] scope = auth.get("Credential").split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new StsError(400, "IncompleteSignature", "Credential is malformed: expected "
                    + "AKID/yyyyMMdd/region/service/aws4_request");
        }
        StsPrincipal principal = principals.apply(scope[0]);
        if (principal == null) {
            throw new StsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (principal.sessionToken() != null
                && !principal.sessionToken().equals(request.header("x-amz-security-token").orElse(null))) {
            throw new StsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        String amzDate = request.header("x-amz-date").orElseThrow(() -> new StsError(400, "IncompleteSignature",
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        Instant signedAt = parseAmzDate(amzDate);
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new StsError(403, "SignatureDoesNotMatch", "Signature expired: " + amzDate
                    + " is now earlier or later than 15 minutes from " + AMZ_DATE.format(now) + ".");
        }
        if (!amzDate.startsWith(scope[1]) || !region.equals(scope[2]) || !service.equals(scope[3])) {
            throw new StsError(403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region, "
                    + "service " + service + " and the X-Amz-Date day; got " + String.join("/",
                    scope[1], scope[2], scope[3]) + ". " + MISMATCH);
        }
        String expected = signature(request, auth.get("SignedHeaders"), amzDate,
                String.join("/", scope[1], scope[2], scope[3], scope[4]), principal.secretAccessKey(),
                scope[1], scope[2], scope[3]);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
            throw new StsError(403, "SignatureDoesNotMatch", MISMATCH);
        }
        return principal;
    }

    static String signature(RecordedRequest request, String signedHeaders, String amzDate, String credentialScope,
                            String secret, String date, String region, String service) {
        String canonical = canonicalRequest(request, signedHeaders);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n" + sha256Hex(
                canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    static String canonicalRequest(RecordedRequest request, String signedHeaders) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.trim().replaceAll(" +", " ")));
            headers.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        return request.method() + "\n"
                + canonicalUri(request.path()) + "\n"
                + canonicalQuery(request.rawQuery()) + "\n"
                + headers + "\n"
                + signedHeaders + "\n"
                + sha256Hex(request.body());
    }

    private static String canonicalUri(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return String.join("/", java.util.Arrays.stream(path.split("/", -1)).map(SigV4Verifier::uriEncode)
                .toList());
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = uriEncode(decode(eq < 0 ? pair : pair.substring(0, eq)));
            String value = eq < 0 ? "" : uriEncode(decode(pair.substring(eq + 1)));
            sorted.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, values) -> values.stream().sorted().forEach(v -> parts.add(name + "=" + v)));
        return String.join("&", parts);
    }

    /** RFC 3986 encoding as SigV4 defines it: only A-Z a-z 0-9 - _ . ~ stay literal. */
    static String uriEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseAuthorization(String header) throws StsError {
        if (!header.startsWith(ALGORITHM + " ")) {
            throw new StsError(400, "IncompleteSignature", "Unsupported AWS 'algorithm': expected " + ALGORITHM);
        }
        Map<String, String> parts = new TreeMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parts.containsKey(required)) {
                throw new StsError(400, "IncompleteSignature", "Authorization header requires '" + required
                        + "' parameter.");
            }
        }
        return parts;
    }

    private static Instant parseAmzDate(String amzDate) throws StsError {
        try {
            return Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new StsError(400, "IncompleteSignature", "X-Amz-Date is not yyyyMMdd'T'HHmmss'Z': " + amzDate);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
