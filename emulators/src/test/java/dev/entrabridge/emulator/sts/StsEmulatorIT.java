package dev.entrabridge.emulator.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.JwtPayloadSizeExceededException;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsEmulatorIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/BedrockGraphActionsRole";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:graph-actions";
    private static final String AUDIENCE = "api://AzureADTokenExchange";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StsEmulator sts;

    @BeforeAll
    static void start() {
        sts = StsEmulator.start(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sts.close();
    }

    @BeforeEach
    void reset() {
        sts.outboundFederationEnabled(true).maxPayloadBytes(4096);
        sts.addPrincipal(StsPrincipal.of("AKIDLAMBDA", "lambda-secret", ROLE, "123456789012", "us-east-1")
                .withSessionToken("session-token-1", Instant.now().plusSeconds(3600))
                .withLambdaFunction(FUNCTION)
                .withPrincipalTags(Map.of("environment", "production")));
    }

    private static StsClient client(String accessKey, String secret, String sessionToken) {
        var credentials = sessionToken == null ? AwsBasicCredentials.create(accessKey, secret)
                : AwsSessionCredentials.create(accessKey, secret, sessionToken);
        return StsClient.builder()
                .endpointOverride(sts.endpoint())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    private static StsClient lambdaClient() {
        return client("AKIDLAMBDA", "lambda-secret", "session-token-1");
    }

    private static GetWebIdentityTokenRequest.Builder request() {
        return GetWebIdentityTokenRequest.builder().audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(300);
    }

    @Test
    void mintsAnRs256TokenWithTheDocumentedClaimsThatVerifiesAgainstTheIssuerJwks() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        GetWebIdentityTokenResponse response;
        try (StsClient client = lambdaClient()) {
            response = client.getWebIdentityToken(request().build());
        }

        SignedJWT jwt = SignedJWT.parse(response.webIdentityToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(sts.currentKeyId("RS256")).startsWith("RSA_");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        assertThat(payload.get("aud")).isEqualTo(AUDIENCE);
        assertThat(payload.get("iss")).isEqualTo(sts.issuer());
        assertThat(payload.get("sub")).isEqualTo(ROLE);
        assertThat(payload).containsKeys("iat", "exp", "jti");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(response.expiration());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
        assertThat(response.expiration()).isAfter(before.plusSeconds(299));

        JsonNode expected = fixture("outbound-token-claims.json").get("https://sts.amazonaws.com/");
        JsonNode aws = JSON.valueToTree(payload.get("https://sts.amazonaws.com/"));
        for (String field : List.of("aws_account", "source_region", "principal_id", "principal_tags",
                "lambda_source_function_arn")) {
            assertThat(aws.get(field)).as(field).isEqualTo(expected.get(field));
        }
        assertThat(aws.has("original_session_exp")).isTrue();

        assertThat(jwt.verify(new RSASSAVerifier(jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())))
                .isTrue();
        assertThat(discovery().get("jwks_uri").asText()).isEqualTo(sts.jwksUri().toString());
        assertThat(sts.requests().get(sts.requests().size() - 1).bodyText())
                .contains("Action=GetWebIdentityToken", "Version=2011-06-15",
                        "Audience.member.1=api%3A%2F%2FAzureADTokenExchange");
    }

    @Test
    void es384TokensWithSeveralAudiencesAndTagsCarryAnAudienceArrayAndRequestTags() throws Exception {
        GetWebIdentityTokenResponse response;
        try (StsClient client = lambdaClient()) {
            response = client.getWebIdentityToken(request().audience(AUDIENCE, "https://other.example")
                    .signingAlgorithm("ES384").tags(Tag.builder().key("team").value("graph").build()).build());
        }
        SignedJWT jwt = SignedJWT.parse(response.webIdentityToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(AUDIENCE, "https://other.example");
        assertThat(jwt.getPayload().toJSONObject().get("aud")).isInstanceOf(List.class);
        assertThat(JSON.valueToTree(jwt.getPayload().toJSONObject().get("https://sts.amazonaws.com/"))
                .get("request_tags").get("team").asText()).isEqualTo("graph");
        assertThat(jwt.verify(new ECDSAVerifier(jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey())))
                .isTrue();
    }

    @Test
    void rotationSignsWithANewKidWhileTheJwksStillPublishesThePreviousKey() throws Exception {
        String oldKid = sts.currentKeyId("RS256");
        sts.rotateKey();
        String token;
        try (StsClient client = lambdaClient()) {
            token = client.getWebIdentityToken(request().build()).webIdentityToken();
        }
        String newKid = SignedJWT.parse(token).getHeader().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(sts.currentKeyId("RS256"));
        JWKSet keys = jwks();
        assertThat(keys.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(keys.getKeyByKeyId(newKid)).isNotNull();
    }

    @Test
    void disabledFederationIsTheDedicatedSdkException() {
        sts.outboundFederationEnabled(false);
        try (StsClient client = lambdaClient()) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request().build()))
                    .isInstanceOfSatisfying(OutboundWebIdentityFederationDisabledException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Outbound web identity federation is not enabled for this account.");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void aTokenOutlivingTheCallersSessionIsSessionDurationEscalation() {
        sts.addPrincipal(StsPrincipal.of("AKIDSHORT", "short-secret", ROLE, "123456789012", "us-east-1")
                .withSessionToken("short-token", Instant.now().plusSeconds(120)));
        try (StsClient client = client("AKIDSHORT", "short-secret", "short-token")) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request().durationSeconds(600).build()))
                    .isInstanceOf(SessionDurationEscalationException.class)
                    .hasFieldOrPropertyWithValue("statusCode", 403);
        }
    }

    @Test
    void tooManyTagBytesIsJwtPayloadSizeExceeded() {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tags.add(Tag.builder().key("key" + i).value("v".repeat(200)).build());
        }
        try (StsClient client = lambdaClient()) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request().tags(tags).build()))
                    .isInstanceOf(JwtPayloadSizeExceededException.class)
                    .hasFieldOrPropertyWithValue("statusCode", 400);
        }
    }

    @Test
    void policyConditionsAnswerAccessDenied() {
        sts.addPrincipal(StsPrincipal.of("AKIDPOLICY", "policy-secret", ROLE, "123456789012", "us-east-1")
                .withPolicy(OutboundTokenPolicy.restrictedTo(Set.of(AUDIENCE), 300, "RS256")));
        try (StsClient client = client("AKIDPOLICY", "policy-secret", null)) {
            assertThat(client.getWebIdentityToken(request().build()).webIdentityToken()).isNotBlank();
            assertThatThrownBy(() -> client.getWebIdentityToken(request().audience("https://evil.example").build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertErrorCode(e, 403, "AccessDenied"));
            assertThatThrownBy(() -> client.getWebIdentityToken(request().durationSeconds(900).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertErrorCode(e, 403, "AccessDenied"));
            assertThatThrownBy(() -> client.getWebIdentityToken(request().signingAlgorithm("ES384").build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertErrorCode(e, 403, "AccessDenied"));
            assertThatThrownBy(() -> client.getWebIdentityToken(request()
                    .tags(Tag.builder().key("team").value("graph").build()).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertErrorCode(e, 403, "AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("sts:TagGetWebIdentityToken");
                    });
        }
    }

    @Test
    void outOfRangeParametersAreValidationErrors() {
        try (StsClient client = lambdaClient()) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request().durationSeconds(30).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertErrorCode(e, 400, "ValidationError"));
            assertThatThrownBy(() -> client.getWebIdentityToken(request().signingAlgorithm("HS256").build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertErrorCode(e, 400, "ValidationError"));
            assertThatThrownBy(() -> client.getWebIdentityToken(request().audience("a".repeat(1001)).build()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertErrorCode(e, 400, "ValidationError"));
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchAndAnUnknownKeyIsInvalidClientTokenId() {
        try (StsClient wrongSecret = client("AKIDLAMBDA", "not-the-secret", "session-token-1");
             StsClient unknownKey = client("AKIDUNKNOWN", "whatever", null);
             StsClient wrongToken = client("AKIDLAMBDA", "lambda-secret", "stale-token")) {
            assertThatThrownBy(() -> wrongSecret.getWebIdentityToken(request().build()))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertErrorCode(e, 403, "SignatureDoesNotMatch"));
            assertThatThrownBy(() -> unknownKey.getWebIdentityToken(request().build()))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertErrorCode(e, 403, "InvalidClientTokenId"));
            assertThatThrownBy(() -> wrongToken.getWebIdentityToken(request().build()))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertErrorCode(e, 403, "InvalidClientTokenId"));
        }
    }

    @Test
    void anUnsignedRequestIsRefusedBeforeAnyActionIsConsidered() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sts.endpoint()
                        .resolve("/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetWebIdentityToken&Version=2011-06-15"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>", "<Type>Sender</Type>",
                "<RequestId>");
    }

    @Test
    void wireBodiesHaveTheDocumentedShape() throws Exception {
        String form = "Action=GetWebIdentityToken&Version=2011-06-15&Audience.member.1=api%3A%2F%2FAzureADTokenExchange"
                + "&SigningAlgorithm=RS256&DurationSeconds=300";
        HttpResponse<String> ok = signedPost(form);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).contains("text/xml");
        assertThat(normalise(ok.body())).isEqualTo(normalise(text("get-web-identity-token-response.xml")));

        sts.outboundFederationEnabled(false);
        HttpResponse<String> disabled = signedPost(form);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(normalise(disabled.body())).isEqualTo(normalise(text("error-federation-disabled.xml")));

        sts.outboundFederationEnabled(true);
        HttpResponse<String> unknown = signedPost("Action=AssumeRoleWithMagic&Version=2011-06-15");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
    }

    /** Signs with the emulator's own SigV4 code: the SDK tests above prove it agrees with AWS's signer. */
    private static HttpResponse<String> signedPost(String form) throws Exception {
        String amzDate = SigV4Verifier.AMZ_DATE.format(Instant.now());
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("content-type", List.of(contentType));
        headers.put("host", List.of(sts.endpoint().getAuthority()));
        headers.put("x-amz-date", List.of(amzDate));
        headers.put("x-amz-security-token", List.of("session-token-1"));
        String signedHeaders = "content-type;host;x-amz-date;x-amz-security-token";
        var unsigned = new dev.entrabridge.emulator.http.RecordedRequest("POST", "/", "", headers,
                form.getBytes(java.nio.charset.StandardCharsets.UTF_8), Instant.now());
        String date = amzDate.substring(0, 8);
        String signature = SigV4Verifier.signature(unsigned, signedHeaders, amzDate,
                date + "/us-east-1/sts/aws4_request", "lambda-secret", date, "us-east-1", "sts");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(sts.endpoint().resolve("/"))
                .header("Content-Type", contentType).header("X-Amz-Date", amzDate)
                .header("X-Amz-Security-Token", "session-token-1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLAMBDA/" + date
                        + "/us-east-1/sts/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Replaces the per-call values (token, expiry, request id) and whitespace between elements. */
    private static String normalise(String xml) {
        return xml.replaceAll("<WebIdentityToken>[^<]*<", "<WebIdentityToken>T<")
                .replaceAll("<Expiration>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z<", "<Expiration>E<")
                .replaceAll("<RequestId>[0-9a-f-]{36}<", "<RequestId>R<")
                .replaceAll(">\\s+<", "><").trim();
    }

    private static String text(String name) throws Exception {
        try (InputStream in = StsEmulatorIT.class.getResourceAsStream("/sts/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void assertErrorCode(StsException e, int status, String code) {
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    }

    private static JWKSet jwks() throws Exception {
        return JWKSet.parse(httpsGet(sts.jwksUri()));
    }

    private static JsonNode discovery() throws Exception {
        return JSON.readTree(httpsGet(URI.create(sts.issuer() + "/.well-known/openid-configuration")));
    }

    private static String httpsGet(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = StsEmulatorIT.class.getResourceAsStream("/sts/" + name)) {
            return JSON.readTree(in);
        }
    }
}
