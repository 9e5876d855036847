package dev.entrabridge.sidecar.setup;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.entra.BlueprintApp;
import dev.entrabridge.emulator.entra.FederatedIdentityCredential;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.testing.EmulatedCloudExtension;
import dev.entrabridge.testing.LogScanner;
import dev.entrabridge.token.AgentToken;
import dev.entrabridge.token.AgentTokenException;
import dev.entrabridge.token.AgentTokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_KUBERNETES;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.K8S_SUBJECT;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.TENANT_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.USER_OID;
import static dev.entrabridge.testing.EmulatedDeployment.MAIL_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code entra-setup} against the emulated tenant's Graph, with an administrator's delegated token: the dry
 * run reads and prints the exact requests without writing, apply creates what the deployment outputs ask for
 * and reads it back, a second apply sends nothing, a 21st credential is refused before anything is sent, and
 * a workload Entra refused before the setup gets its agent's token after it.
 */
class EntraSetupIT {

    private static final String AWS_ISSUER = "https://5e7a9c1d-2b3f-4a6e-8d0c-1f2e3d4c5b6a.tokens.sts.global.api.aws";
    private static final String ROLE_ACTIONS = "arn:aws:iam::123456789012:role/eab-bedrock-actions";
    private static final String ROLE_TOKEN = "arn:aws:iam::123456789012:role/eab-token";
    private static final String MI_PRINCIPAL = "6f0d1c2b-3a4e-4b5c-8d9e-0a1b2c3d4e5f";

    @RegisterExtension
    final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.clock(Clock.systemUTC()));
    @TempDir
    Path dir;
    private Path adminToken;

    private record Outcome(int exit, String out, String err) { }

    @BeforeEach
    void signInAsAdministrator() throws Exception {
        String token = world.cloud().entra().mintUserToken(TENANT_ID, USER_OID, GRAPH,
                Set.of("AgentIdentityBlueprint.AddRemoveCreds.All", "AgentIdentityBlueprint.Read.All"), Duration.ofMinutes(30));
        adminToken = Files.writeString(dir.resolve("graph-token.txt"), token + "\n");
    }

    @Test
    void aDryRunReadsTheBlueprintAndPrintsTheRequestsWithoutSendingThem() throws Exception {
        Outcome o = setup(withToken(deploymentOutputs()));

        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        String objectId = blueprint().objectId();
        String credentials = world.cloud().graph().baseUrl() + "/beta/applications/" + objectId
                + "/microsoft.graph.agentIdentityBlueprint/federatedIdentityCredentials";
        assertThat(o.out()).contains("(dry run)", "has 4 of 20 federated identity credentials",
                "dry run: 3 request(s) would be sent; add --apply to send them", "POST " + credentials + "\n",
                "Authorization: Bearer <token>\n", expectedBody(ROLE_ACTIONS, AWS_ISSUER),
                "\"subject\":\"" + MI_PRINCIPAL + "\"", "\"issuer\":\"https://login.microsoftonline.com/" + TENANT_ID + "/v2.0\"");
        assertThat(posts()).isEmpty();
        assertThat(blueprint().federatedCredentials()).hasSize(4);
        assertThat(LogScanner.findings(List.of((o.out() + o.err()).split("\n")))).isEmpty();
    }

    @Test
    void applyCreatesTheCredentialsAndASecondApplySendsNothing() {
        Outcome first = setup(apply(deploymentOutputs()));
        int postsAfterFirst = posts().size();
        Outcome second = setup(apply(deploymentOutputs()));

        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("verified: the blueprint trusts all 3 workload(s)");
        assertThat(postsAfterFirst).isEqualTo(3);
        FederatedIdentityCredential actions = credential(ROLE_ACTIONS);
        assertThat(actions.issuer()).isEqualTo(AWS_ISSUER);
        assertThat(actions.audiences()).containsExactly(EXCHANGE_AUDIENCE);
        assertThat(actions.name()).startsWith("eab-aws-eab-bedrock-actions-").hasSize("eab-aws-eab-bedrock-actions-".length() + 8);
        assertThat(credential(MI_PRINCIPAL).issuer()).isEqualTo("https://login.microsoftonline.com/" + TENANT_ID + "/v2.0");
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("present  " + actions.name(), "nothing to do: the blueprint already trusts every workload");
        assertThat(posts()).hasSize(postsAfterFirst);
        assertThat(blueprint().federatedCredentials()).hasSize(7);
    }

    @Test
    void aCredentialAnAdministratorCreatedUnderAnotherNameCountsAsPresent() {
        blueprint().federatedCredential("made-by-hand", AWS_ISSUER, ROLE_TOKEN, EXCHANGE_AUDIENCE);

        Outcome o = setup(apply(List.of("--aws-issuer", AWS_ISSUER, "--aws-role-arn", ROLE_TOKEN)));

        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("present  made-by-hand  AWS role " + ROLE_TOKEN);
        assertThat(posts()).isEmpty();
    }

    @Test
    void refusesTheTwentyFirstCredentialBeforeSendingAnything() {
        BlueprintApp blueprint = blueprint();
        for (int i = blueprint.federatedCredentials().size(); i < 19; i++) {
            blueprint.federatedCredential("existing-" + i, AWS_ISSUER, "arn:aws:iam::123456789012:role/r" + i, EXCHANGE_AUDIENCE);
        }

        Outcome o = setup(apply(List.of("--aws-issuer", AWS_ISSUER, "--aws-role-arn", ROLE_ACTIONS, "--aws-role-arn", ROLE_TOKEN)));

        assertThat(o.exit()).isEqualTo(EntraSetupCommand.REFUSED);
        assertThat(o.err()).contains("refused: the blueprint has 19 federated identity credentials and these 2 would make 21,"
                + " over Entra's limit of 20 per blueprint. Nothing was sent.");
        assertThat(posts()).isEmpty();
        assertThat(blueprint.federatedCredentials()).hasSize(19);
    }

    @Test
    void aServiceAccountEntraRefusedGetsItsAgentsTokenOnceTheSetupTrustsIt() {
        blueprint().removeFederatedCredential(FIC_KUBERNETES);
        var tokens = world.bridge().tokenService(world.bridge().config(CredentialSourceKind.TOKEN_FILE), Clock.systemUTC(),
                d -> { });
        assertThatThrownBy(() -> tokens.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH + "/.default"))))
                .isInstanceOf(AgentTokenException.class);
        String[] sa = K8S_SUBJECT.substring("system:serviceaccount:".length()).split(":");

        Outcome o = setup(apply(List.of("--k8s-issuer", world.cloud().cluster().issuer(), "--k8s-service-account",
                sa[0] + ":" + sa[1])));
        AgentToken token = tokens.acquire(AgentTokenRequest.autonomous(MAIL_AGENT, Set.of(GRAPH + "/.default")));

        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        assertThat(credential(K8S_SUBJECT).issuer()).isEqualTo(world.cloud().cluster().issuer());
        assertThat(token.accessToken()).isNotBlank();
    }

    @Test
    void aTokenThatMayOnlyReadIsToldWhichPermissionApplyNeeds() throws Exception {
        Files.writeString(adminToken, world.cloud().entra().mintUserToken(TENANT_ID, USER_OID, GRAPH,
                Set.of("AgentIdentityBlueprint.Read.All"), Duration.ofMinutes(30)));

        Outcome o = setup(apply(List.of("--aws-issuer", AWS_ISSUER, "--aws-role-arn", ROLE_ACTIONS)));

        assertThat(o.exit()).isEqualTo(EntraSetupCommand.REFUSED);
        assertThat(o.err()).contains("answered HTTP 403 Authorization_RequestDenied", "AgentIdentityBlueprint.AddRemoveCreds.All");
        assertThat(blueprint().federatedCredentials()).noneMatch(f -> f.subject().equals(ROLE_ACTIONS));
    }

    private List<String> deploymentOutputs() {
        return List.of("--aws-issuer", AWS_ISSUER, "--aws-role-arn", ROLE_ACTIONS, "--aws-role-arn", ROLE_TOKEN,
                "--azure-principal-id", MI_PRINCIPAL);
    }

    private List<String> withToken(List<String> outputs) {
        List<String> args = new ArrayList<>(List.of("--tenant", TENANT_ID, "--blueprint", BLUEPRINT_APP_ID,
                "--graph-url", world.cloud().graph().baseUrl().toString(), "--graph-token-file", adminToken.toString()));
        args.addAll(outputs);
        return args;
    }

    private List<String> apply(List<String> outputs) {
        List<String> args = withToken(outputs);
        args.add("--apply");
        return args;
    }

    private Outcome setup(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("BRIDGE_TRUSTED_CA_FILE", world.bridge().caFile().toString());
        int exit = EntraSetupCommand.run(args.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String expectedBody(String subject, String issuer) {
        return "\"issuer\":\"" + issuer + "\",\"subject\":\"" + subject + "\",\"audiences\":[\"" + EXCHANGE_AUDIENCE + "\"]}";
    }

    private BlueprintApp blueprint() {
        return world.cloud().tenant().blueprint(BLUEPRINT_APP_ID);
    }

    private FederatedIdentityCredential credential(String subject) {
        return blueprint().federatedCredentials().stream().filter(f -> f.subject().equals(subject)).findFirst().orElseThrow();
    }

    private List<RecordedRequest> posts() {
        return world.cloud().graph().requests().stream().filter(r -> r.method().equals("POST")).toList();
    }
}
