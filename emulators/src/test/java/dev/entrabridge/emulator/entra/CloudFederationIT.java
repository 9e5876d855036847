package dev.entrabridge.emulator.entra;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.http.EmulatorTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.entra.EntraClients.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The whole emulated cloud as the bridge will use it: each workload identity (AWS STS through the
 * real {@code StsClient}, GCP metadata, a cluster token, an Azure managed identity) is presented
 * by a real MSAL4J blueprint client as its federated assertion, then T1 → T2 for Graph.
 */
class CloudFederationIT {

    private static EmulatedCloud cloud;
    private static StsClient sts;
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(EmulatorTls.clientContext()).build();

    @BeforeAll
    static void start() {
        cloud = EmulatedCloud.start(Clock.systemUTC());
        sts = StsClient.builder()
                .endpointOverride(cloud.sts().endpoint())
                .region(Region.of(EmulatedCloud.AWS_REGION))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        EmulatedCloud.AWS_ACCESS_KEY_ID, EmulatedCloud.AWS_SECRET_ACCESS_KEY)))
                .build();
    }

    @AfterAll
    static void stop() {
        sts.close();
        cloud.close();
    }

    private static String stsAssertion() {
        return sts.getWebIdentityToken(GetWebIdentityTokenRequest.builder().audience(EXCHANGE_AUDIENCE)
                .signingAlgorithm("RS256").durationSeconds(300).build()).webIdentityToken();
    }

    private static ConfidentialClientApplication blueprint(Supplier<String> assertion) {
        return EntraClients.client(cloud.entra(), TENANT_ID, BLUEPRINT_APP_ID,
                ClientCredentialFactory.createFromCallback(options -> assertion.get()));
    }

    private static String graphTokenVia(Supplier<String> assertion) throws Exception {
        ConfidentialClientApplication bp = blueprint(assertion);
        Supplier<String> t1 = () -> bp.acquireToken(ClientCredentialParameters
                .builder(Set.of(EXCHANGE_AUDIENCE + "/.default")).fmiPath(MAILER_AGENT_APP_ID).build()).join()
                .accessToken();
        ConfidentialClientApplication agent = EntraClients.client(cloud.entra(), TENANT_ID, MAILER_AGENT_APP_ID,
                ClientCredentialFactory.createFromCallback(options -> t1.get()));
        return agent.acquireToken(ClientCredentialParameters.builder(
                Set.of("https://graph.microsoft.com/.default")).build()).get().accessToken();
    }

    @Test
    void stsAssertionFromTheRealStsClientBuysAGraphTokenForTheAgent() throws Exception {
        AtomicInteger minted = new AtomicInteger();

        String graph = graphTokenVia(() -> {
            minted.incrementAndGet();
            return stsAssertion();
        });

        assertThat(minted).hasValue(1);
        // Graph tokens are v1: the agent is appid, Graph's identifier URI the audience.
        assertThat(claims(graph)).containsEntry("appid", MAILER_AGENT_APP_ID).doesNotContainKey("azp")
                .containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID)
                .containsEntry("aud", java.util.List.of("https://graph.microsoft.com"))
                .containsEntry("idtyp", "app");
        assertThat(claims(graph).get("roles")).asList().contains("User.Read.All", "Mail.Send");
        assertThat(claims(stsAssertion())).containsEntry("sub", AWS_ROLE_ARN).containsEntry("iss", cloud.sts().issuer());
    }

    @Test
    void gcpMetadataIdentityBuysAGraphToken() throws Exception {
        String graph = graphTokenVia(() -> get(URI.create(cloud.gcp().baseUrl()
                + "/computeMetadata/v1/instance/service-accounts/default/identity?audience=" + EXCHANGE_AUDIENCE
                + "&format=full"), "Metadata-Flavor", "Google"));

        assertThat(claims(graph)).containsEntry("appid", MAILER_AGENT_APP_ID);
    }

    @Test
    void clusterTokenBuysAGraphToken() throws Exception {
        String graph = graphTokenVia(() -> cloud.kubernetesToken(Duration.ofHours(1)));

        assertThat(claims(graph)).containsEntry("xms_par_app_azp", BLUEPRINT_APP_ID);
    }

    @Test
    void managedIdentityTokenBuysAGraphToken() throws Exception {
        URI imds = URI.create(cloud.managedIdentity().imdsTokenEndpoint() + "?api-version=2018-02-01&resource="
                + EXCHANGE_AUDIENCE + "&client_id=" + EmulatedCloud.MI_CLIENT_ID);

        String graph = graphTokenVia(() -> extractAccessToken(get(imds, "Metadata", "true")));

        assertThat(claims(graph)).containsEntry("appid", MAILER_AGENT_APP_ID);
    }

    @Test
    void aRoleArnDifferingOnlyInCaseIsRefusedWith7002138() {
        cloud.tenant().blueprint("c0ffee00-0000-4000-8000-00000000c0fe")
                .federatedCredential("aws", cloud.sts().issuer(), AWS_ROLE_ARN.toLowerCase(), EXCHANGE_AUDIENCE);
        ConfidentialClientApplication other = EntraClients.client(cloud.entra(), TENANT_ID,
                "c0ffee00-0000-4000-8000-00000000c0fe", ClientCredentialFactory.createFromCallback(o -> stsAssertion()));

        Throwable thrown = catchThrowable(() -> other.acquireToken(ClientCredentialParameters
                .builder(Set.of("https://graph.microsoft.com/.default")).build()).get());

        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MsalServiceException.class);
        assertThat(thrown.getCause().getMessage()).contains("AADSTS7002138");
        assertThat(((MsalServiceException) thrown.getCause()).statusCode()).isEqualTo(401);
    }

    private static String get(URI uri, String header, String value) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header(header, value).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET %s", uri).isEqualTo(200);
            return r.body().strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extractAccessToken(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
