package dev.entrabridge.sidecar.setup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetupOptionsTest {

    private static final String TENANT = "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a";
    private static final String BLUEPRINT = "b1e9c0de-0000-4000-8000-00000000b1e9";
    private static final String ISSUER = "https://5e7a9c1d-2b3f-4a6e-8d0c-1f2e3d4c5b6a.tokens.sts.global.api.aws";
    private static final String ROLE = "arn:aws:iam::123456789012:role/service/Eab_Bedrock.Actions";

    private static SetupOptions parse(String... args) {
        return SetupOptions.parse(args, Map.of("ENTRA_TENANT_ID", TENANT, "ENTRA_BLUEPRINT_CLIENT_ID", BLUEPRINT));
    }

    @Test
    void namesEachCredentialFromItsWorkloadDeterministically() {
        DesiredCredential first = parse("--aws-issuer", ISSUER, "--aws-role-arn", ROLE).desired().get(0);
        DesiredCredential again = parse("--aws-issuer", ISSUER, "--aws-role-arn", ROLE).desired().get(0);
        DesiredCredential otherIssuer = parse("--aws-issuer", ISSUER.replace("5e7a", "6e7a"), "--aws-role-arn", ROLE)
                .desired().get(0);

        assertThat(first.name()).isEqualTo(again.name()).matches("eab-aws-eab-bedrock-actions-[0-9a-f]{8}");
        assertThat(otherIssuer.name()).isNotEqualTo(first.name()).startsWith("eab-aws-eab-bedrock-actions-");
        assertThat(first.subject()).isEqualTo(ROLE);
        assertThat(first.audience()).isEqualTo("api://AzureADTokenExchange");
    }

    @Test
    void keepsLongNamesWithinEntrasLimitAndItsCharacters() {
        String longRole = "arn:aws:iam::123456789012:role/" + "A".repeat(64);
        DesiredCredential d = parse("--aws-issuer", ISSUER, "--aws-role-arn", longRole).desired().get(0);

        assertThat(d.name()).hasSizeLessThanOrEqualTo(DesiredCredential.MAX_NAME).matches("[a-z0-9-]+");
    }

    @Test
    void derivesTheManagedIdentityIssuerAndTheSovereignAudienceFromTheAuthorityHost() {
        SetupOptions usGov = parse("--azure-principal-id", "6F0D1C2B-3A4E-4B5C-8D9E-0A1B2C3D4E5F", "--authority-host",
                "https://login.microsoftonline.us");

        DesiredCredential d = usGov.desired().get(0);
        assertThat(d.issuer()).isEqualTo("https://login.microsoftonline.us/" + TENANT + "/v2.0");
        assertThat(d.subject()).isEqualTo("6f0d1c2b-3a4e-4b5c-8d9e-0a1b2c3d4e5f");
        assertThat(d.audience()).isEqualTo("api://AzureADTokenExchangeUSGov");
    }

    @Test
    void takesTheIdentitysIssuerFromTheTemplateWhenItsTenantIsAnotherOne() {
        String other = "https://login.microsoftonline.com/1a2b3c4d-0d4e-4b8f-9a61-2c5e8d9b0a99/v2.0";

        DesiredCredential d = parse("--azure-principal-id", "6f0d1c2b-3a4e-4b5c-8d9e-0a1b2c3d4e5f", "--azure-issuer", other)
                .desired().get(0);

        assertThat(d.issuer()).isEqualTo(other);
    }

    @Test
    void keepsAClustersIssuerExactlyAsGivenTrailingSlashIncluded() {
        String aks = "https://eastus.oic.prod-aks.azure.com/" + TENANT + "/1d2c3b4a-0000-4000-8000-000000000001/";

        List<DesiredCredential> d = parse("--k8s-issuer", aks, "--k8s-service-account", "agents:entra-agent-bridge").desired();

        assertThat(d.get(0).issuer()).isEqualTo(aks);
        assertThat(d.get(0).subject()).isEqualTo("system:serviceaccount:agents:entra-agent-bridge");
    }

    @Test
    void refusesWhatWouldNeverMatchTheWorkloadsToken() {
        assertThatThrownBy(() -> parse("--aws-issuer", ISSUER, "--aws-role-arn",
                "arn:aws:sts::123456789012:assumed-role/eab-token/session"))
                .hasMessageContaining("not an IAM role ARN").hasMessageContaining("not an assumed-role session ARN");
        assertThatThrownBy(() -> parse("--aws-issuer", "https://sts.amazonaws.com", "--aws-role-arn", ROLE))
                .hasMessageContaining("get-outbound-web-identity-federation-info");
        assertThatThrownBy(() -> parse("--azure-principal-id", "not-a-guid")).hasMessageContaining("principal (object) id");
        assertThatThrownBy(() -> parse("--k8s-service-account", "agents:bridge"))
                .hasMessageContaining("give the cluster's --k8s-issuer before it");
    }

    @Test
    void applyNeedsATokenAndSomethingToSetUp() {
        assertThatThrownBy(() -> parse("--aws-issuer", ISSUER, "--aws-role-arn", ROLE, "--apply"))
                .hasMessageContaining("--apply needs --graph-token-file");
        assertThatThrownBy(() -> parse()).hasMessageStartingWith("nothing to set up");
        assertThatThrownBy(() -> SetupOptions.parse(new String[] {"--azure-principal-id", TENANT}, Map.of()))
                .hasMessageContaining("--tenant (or ENTRA_TENANT_ID) is missing");
    }
}
