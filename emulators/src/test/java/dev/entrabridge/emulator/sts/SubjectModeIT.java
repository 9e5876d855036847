package dev.entrabridge.emulator.sts;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code SubjectMode} and {@code Scope} of {@code GetWebIdentityToken} as the STS API model defines them,
 * sent by the real {@code StsClient}. The SDK version pinned here predates the two members, so an
 * interceptor adds them to the request before the SDK serialises and signs it (the signature covers them).
 */
class SubjectModeIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/AgentRole";
    private static final String AUDIENCE = "api://AzureADTokenExchange";
    private static StsEmulator sts;

    @BeforeAll
    static void start() {
        sts = StsEmulator.start(Clock.systemUTC());
        sts.addPrincipal(StsPrincipal.of("AKIDPLAIN", "plain-secret", ROLE, "123456789012", "us-east-1")
                .withSessionToken("plain-session", Instant.now().plusSeconds(3600)));
        sts.addPrincipal(StsPrincipal.of("AKIDORIGIN", "origin-secret", ROLE, "123456789012", "us-east-1")
                .withSessionToken("origin-session", Instant.now().plusSeconds(3600))
                .withOriginIdentity(new OriginIdentity("alice@example.com", "user", "idp.example.com")));
    }

    @AfterAll
    static void stop() {
        sts.close();
    }

    /**
     * Adds Query parameters the SDK does not model yet. At this stage the SDK still holds the operation's
     * parameters in the query string; it moves them all into the form body and signs that afterwards.
     */
    private record ExtraParameters(Map<String, String> parameters) implements ExecutionInterceptor {

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest.Builder request = context.httpRequest().toBuilder();
            parameters.forEach(request::putRawQueryParameter);
            return request.build();
        }
    }

    private static StsClient client(String key, String secret, String session, Map<String, String> extra) {
        return StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(key, secret, session)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExtraParameters(extra)))
                .build();
    }

    private static GetWebIdentityTokenRequest request() {
        return GetWebIdentityTokenRequest.builder().audience(AUDIENCE).signingAlgorithm("RS256").build();
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void originIdentityWithoutAPropagationContextIsAValidationError() {
        try (StsClient client = client("AKIDPLAIN", "plain-secret", "plain-session",
                params("SubjectMode", "OriginIdentity"))) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("trusted identity propagation context");
                    });
        }
    }

    @Test
    void scopeWithoutOriginIdentityIsAValidationError() {
        try (StsClient client = client("AKIDORIGIN", "origin-secret", "origin-session", params("Scope", "mail.read"))) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request()))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("Scope", "OriginIdentity");
                    });
        }
    }

    @Test
    void anUnknownSubjectModeIsAValidationError() {
        try (StsClient client = client("AKIDORIGIN", "origin-secret", "origin-session", params("SubjectMode", "Origin"))) {
            assertThatThrownBy(() -> client.getWebIdentityToken(request()))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("[AwsIdentity, OriginIdentity]"));
        }
    }

    @Test
    void originIdentityPutsTheEndUserInSubAndKeepsTheRoleAsPrincipalId() throws Exception {
        try (StsClient client = client("AKIDORIGIN", "origin-secret", "origin-session",
                params("SubjectMode", "OriginIdentity", "Scope", "mail.read"))) {
            var claims = SignedJWT.parse(client.getWebIdentityToken(request()).webIdentityToken()).getJWTClaimsSet();

            assertThat(claims.getSubject()).isEqualTo("alice@example.com");
            assertThat(claims.getStringClaim("scope")).isEqualTo("mail.read");
            assertThat(claims.getJSONObjectClaim("https://sts.amazonaws.com/")).containsEntry("principal_id", ROLE);
        }
    }

    @Test
    void theDefaultSubjectModeIsTheAwsIdentity() throws Exception {
        try (StsClient client = client("AKIDORIGIN", "origin-secret", "origin-session", params("SubjectMode", "AwsIdentity"))) {
            var claims = SignedJWT.parse(client.getWebIdentityToken(request()).webIdentityToken()).getJWTClaimsSet();

            assertThat(claims.getSubject()).isEqualTo(ROLE);
            assertThat(claims.getClaims()).doesNotContainKey("scope");
        }
    }
}
