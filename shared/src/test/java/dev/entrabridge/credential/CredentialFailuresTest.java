package dev.entrabridge.credential;

import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.Diagnosis.Category;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialFailuresTest {

    @Test
    void stsErrorCodesGetTheirOwnDiagnoses() {
        assertThat(CredentialFailures.sts("OutboundWebIdentityFederationDisabledException", 403, 300, "api://AzureADTokenExchange", null)
                .diagnosis().remedy()).contains("enable-outbound-web-identity-federation");
        AgentTokenException denied = CredentialFailures.sts("AccessDenied", 403, 300, "api://AzureADTokenExchange", null);
        assertThat(denied.diagnosis().category()).isEqualTo(Category.PERMISSION);
        assertThat(denied.diagnosis().remedy()).contains("sts:IdentityTokenAudience = api://AzureADTokenExchange")
                .contains("sts:DurationSeconds <= 300");
        assertThat(CredentialFailures.sts("SessionDurationEscalationException", 403, 900, "a", null).diagnosis().remedy())
                .contains("BRIDGE_STS_TOKEN_DURATION_SECONDS");
        assertThat(CredentialFailures.sts("JWTPayloadSizeExceededException", 400, 300, "a", null).diagnosis().remedy())
                .contains("tags");
        assertThat(CredentialFailures.sts("Throttling", 400, 300, "a", null).diagnosis().category()).isEqualTo(Category.TRANSIENT);
        assertThat(CredentialFailures.sts(null, 503, 300, "a", null).diagnosis().code()).isEqualTo("STS_HTTP_503");
        assertThat(CredentialFailures.sts(null, 503, 300, "a", null).diagnosis().category()).isEqualTo(Category.TRANSIENT);
    }

    @Test
    void awsKeysInTheConfigurationMapAreUsedElseTheDefaultChain() {
        var fromMap = BlueprintCredentials.awsCredentials(Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "t"));
        assertThat(fromMap).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(fromMap.resolveCredentials()).isInstanceOf(AwsSessionCredentials.class);
        assertThat(fromMap.resolveCredentials().accessKeyId()).isEqualTo("AKID");

        assertThat(BlueprintCredentials.awsCredentials(Map.of())).isInstanceOf(DefaultCredentialsProvider.class);
    }
}
