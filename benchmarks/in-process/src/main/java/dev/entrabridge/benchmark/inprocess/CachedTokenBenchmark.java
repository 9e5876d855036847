package dev.entrabridge.benchmark.inprocess;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.http.MsalTransport;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.inbound.Caller;
import dev.entrabridge.issuance.IssueRequest;
import dev.entrabridge.issuance.TokenIssuance;
import dev.entrabridge.runtime.BridgeRuntime;
import dev.entrabridge.testing.EmulatedDeployment;
import dev.entrabridge.token.AgentTokenRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.net.MalformedURLException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * One cached token, three ways, in one JVM: the core's {@link AgentTokenService#acquire} (the front cache),
 * the same through {@link TokenIssuance#issue} (policy and the audit line too, as every adapter asks), and
 * MSAL4J's own cached {@code acquireToken(...).get()} for the same agent identity and scope, on applications
 * built as the core builds them but with MSAL's defaults otherwise (its executor). The token is fetched once
 * from the emulated Entra in the setup; every measured call is a cache hit, which the setup checks.
 */
public class CachedTokenBenchmark {

    /** The emulated tenant and the bridge and MSAL applications on it, shared by all threads of a trial. */
    @State(Scope.Benchmark)
    public static class World {
        EmulatedCloud cloud;
        Path dir;
        AgentTokenService tokens;
        TokenIssuance issuer;
        AgentTokenRequest coreRequest;
        IssueRequest issueRequest;
        ConfidentialClientApplication msalAgent;
        ClientCredentialParameters msalRequest;
        /** Where the audit lines go: kept, so that building them is not optimised away. */
        volatile String lastAuditLine;

        @Setup(Level.Trial)
        public void start() throws Exception {
            cloud = EmulatedCloud.builder().start();
            dir = Files.createTempDirectory("cached-token-benchmark");
            EmulatedDeployment deployment = EmulatedDeployment.of(cloud, dir);
            Map<String, String> env = deployment.environment(CredentialSourceKind.AWS_STS);
            env.put("BRIDGE_POLICY", EmulatedDeployment.LOOPBACK_MAIL_AGENT_POLICY);
            BridgeConfig config = BridgeConfig.fromEnvironment(env);
            BridgeRuntime runtime = BridgeRuntime.builder(config).auditSink(line -> lastAuditLine = line).build();
            tokens = runtime.tokens();
            issuer = runtime.issuer();
            Set<String> scopes = Set.of(EmulatedDeployment.GRAPH_DEFAULT);
            coreRequest = AgentTokenRequest.autonomous(EmulatedDeployment.MAIL_AGENT, scopes);
            issueRequest = IssueRequest.from(Caller.loopback("127.0.0.1")).agent(EmulatedDeployment.MAIL_AGENT)
                    .api(EmulatedDeployment.GRAPH_API).autonomous().build();
            msalAgent = msalAgentApplication(config, tokens.credential().msalCredential());
            msalRequest = ClientCredentialParameters.builder(scopes).build();

            String core = tokens.acquire(coreRequest).accessToken();
            String viaIssuance = issuer.issue(issueRequest).accessToken();
            String msal = msalAgent.acquireToken(msalRequest).get().accessToken();
            int entraRequests = cloud.entra().tokenRequests().size();
            for (int i = 0; i < 100; i++) {
                check(tokens.acquire(coreRequest).accessToken().equals(core), "the core's cache");
                check(issuer.issue(issueRequest).accessToken().equals(core), "the issuance");
                check(msalAgent.acquireToken(msalRequest).get().accessToken().equals(msal), "MSAL's cache");
            }
            check(viaIssuance.equals(core), "the issuance's first token");
            check(cloud.entra().tokenRequests().size() == entraRequests, "no upstream request once cached");
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            cloud.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        /**
         * The agent identity's application as the core builds it (tenant authority, no instance discovery, the
         * core's transport to the emulator, T1 by callback from the blueprint's application), with MSAL's own
         * defaults for everything else.
         */
        private static ConfidentialClientApplication msalAgentApplication(BridgeConfig config, IClientCredential blueprintCredential)
                throws MalformedURLException {
            HttpClient http = OutboundHttpClients.create(config.http());
            MsalTransport transport = new MsalTransport(http, config.http().readTimeout())
                    .routing(config.authorityHost(), config.http().endpointOverride());
            ConfidentialClientApplication blueprint = ConfidentialClientApplication.builder(config.blueprintClientId(),
                    blueprintCredential).authority(config.authority()).instanceDiscovery(false).httpClient(transport).build();
            String agent = config.agent(EmulatedDeployment.MAIL_AGENT).orElseThrow().agentIdentity();
            ClientCredentialParameters t1 = ClientCredentialParameters.builder(Set.of(config.cloud().exchangeScope()))
                    .fmiPath(agent).build();
            return ConfidentialClientApplication.builder(agent, ClientCredentialFactory.createFromCallback(() -> {
                try {
                    return blueprint.acquireToken(t1).get().accessToken();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            })).authority(config.authority()).instanceDiscovery(false).httpClient(transport).build();
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalStateException("benchmark setup: " + what + " did not answer from its cache");
            }
        }
    }

    @Benchmark
    public String core(World world) {
        return world.tokens.acquire(world.coreRequest).accessToken();
    }

    @Benchmark
    public String issuance(World world) {
        return world.issuer.issue(world.issueRequest).accessToken();
    }

    @Benchmark
    public String msal(World world) throws Exception {
        return world.msalAgent.acquireToken(world.msalRequest).get().accessToken();
    }
}
