package dev.entrabridge.emulator.sts;

import dev.entrabridge.emulator.http.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4VerifierTest {

    private Properties vector;

    @BeforeEach
    void load() throws Exception {
        vector = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/sts/sigv4-iam-list-users.properties")) {
            vector.load(in);
        }
    }

    private RecordedRequest request(String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        vector.stringPropertyNames().stream().filter(n -> n.startsWith("header.")).sorted()
                .forEach(n -> headers.put(n.substring("header.".length()), List.of(vector.getProperty(n))));
        if (authorization != null) {
            headers.put("authorization", List.of(authorization));
        }
        return new RecordedRequest(vector.getProperty("method"), vector.getProperty("path"),
                vector.getProperty("query"), headers, new byte[0], Instant.EPOCH);
    }

    private String authorization(String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + vector.getProperty("accessKeyId") + "/" + vector.getProperty("date")
                + "/" + vector.getProperty("region") + "/" + vector.getProperty("service") + "/aws4_request, "
                + "SignedHeaders=" + vector.getProperty("signedHeaders") + ", Signature=" + signature;
    }

    private SigV4Verifier verifier() {
        StsPrincipal principal = StsPrincipal.of(vector.getProperty("accessKeyId"), vector.getProperty("secret"),
                "arn:aws:iam::123456789012:role/Example", "123456789012", "us-east-1");
        return new SigV4Verifier(vector.getProperty("service"), vector.getProperty("region"),
                id -> id.equals(principal.accessKeyId()) ? principal : null);
    }

    private Instant signedAt() {
        return Instant.from(SigV4Verifier.AMZ_DATE.parse(vector.getProperty("header.x-amz-date")));
    }

    @Test
    void reproducesAwsWorkedExampleCanonicalRequestAndSignature() throws Exception {
        RecordedRequest request = request(null);
        String canonical = SigV4Verifier.canonicalRequest(request, vector.getProperty("signedHeaders"));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(vector.getProperty("canonicalRequestSha256"));
        String scope = String.join("/", vector.getProperty("date"), vector.getProperty("region"),
                vector.getProperty("service"), "aws4_request");
        assertThat(SigV4Verifier.signature(request, vector.getProperty("signedHeaders"),
                vector.getProperty("header.x-amz-date"), scope, vector.getProperty("secret"),
                vector.getProperty("date"), vector.getProperty("region"), vector.getProperty("service")))
                .isEqualTo(vector.getProperty("signature"));
    }

    @Test
    void acceptsTheExampleSignatureAndNamesTheSigner() throws Exception {
        StsPrincipal signer = verifier().verify(request(authorization(vector.getProperty("signature"))),
                signedAt().plusSeconds(60));
        assertThat(signer.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void refusesATamperedSignature() {
        String tampered = "0" + vector.getProperty("signature").substring(1);
        assertThatThrownBy(() -> verifier().verify(request(authorization(tampered)), signedAt()))
                .isInstanceOfSatisfying(StsError.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.status()).isEqualTo(403);
                });
    }

    @Test
    void refusesASignatureOlderThanFifteenMinutes() {
        assertThatThrownBy(() -> verifier().verify(request(authorization(vector.getProperty("signature"))),
                signedAt().plusSeconds(16 * 60)))
                .isInstanceOfSatisfying(StsError.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.getMessage()).startsWith("Signature expired");
                });
    }

    @Test
    void refusesAScopeForAnotherRegionOrService() {
        SigV4Verifier sts = new SigV4Verifier("sts", "eu-west-1", id -> StsPrincipal.of(id, "s",
                "arn:aws:iam::123456789012:role/Example", "123456789012", "eu-west-1"));
        assertThatThrownBy(() -> sts.verify(request(authorization(vector.getProperty("signature"))), signedAt()))
                .isInstanceOfSatisfying(StsError.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void missingOrMalformedAuthorizationIsRefusedWithAwsCodes() {
        assertThatThrownBy(() -> verifier().verify(request(null), signedAt()))
                .isInstanceOfSatisfying(StsError.class,
                        e -> assertThat(e.code()).isEqualTo("MissingAuthenticationToken"));
        assertThatThrownBy(() -> verifier().verify(request("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x"),
                signedAt()))
                .isInstanceOfSatisfying(StsError.class, e -> assertThat(e.code()).isEqualTo("IncompleteSignature"));
    }

    @Test
    void uriEncodingKeepsOnlyUnreservedCharacters() {
        assertThat(SigV4Verifier.uriEncode("api://Azure AD~x_y.z-1")).isEqualTo("api%3A%2F%2FAzure%20AD~x_y.z-1");
    }
}
