package dev.entrabridge.sidecar;

import dev.entrabridge.emulator.entra.EntraEmulator;
import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.emulator.graph.EntraDirectorySource;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.graph.GraphEvent;
import dev.entrabridge.emulator.graph.GraphUser;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.sts.OutboundTokenPolicy;
import dev.entrabridge.emulator.sts.StsEmulator;
import dev.entrabridge.emulator.sts.StsPrincipal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The world {@code --demo} runs in, all in this process on loopback: an emulated Entra tenant whose
 * blueprint trusts the emulated AWS STS issuer through a federated identity credential, two agent
 * identities (one the policy grants, one it does not), an agent user, a demo person who can sign in
 * with a password, and Microsoft Graph with seeded users and events. The sidecar reaches all of it
 * only through its ordinary configuration ({@link #environment()}): endpoint overrides and a CA file.
 */
final class DemoTenant implements AutoCloseable {

    static final String TENANT_ID = "7d3e1f20-5c4b-4a39-8e2d-6b1a0c9f8e71";
    static final String BLUEPRINT = "b1e2c3d4-0a1b-4c2d-8e3f-5a6b7c8d9e01";
    static final String MAIL_AGENT = "a9f8e7d6-1c2b-4a3d-9e8f-0a1b2c3d4e51";
    static final String CALENDAR_AGENT = "c0d1e2f3-4a5b-4c6d-8e7f-9a0b1c2d3e62";
    static final String AGENT_USER_ID = "e5f6a7b8-2c3d-4e4f-9a5b-6c7d8e9f0a73";
    static final String AGENT_USER_UPN = "mail-agent@contoso.onmicrosoft.com";
    static final String DEMO_USER_ID = "d4c3b2a1-9e8f-4a7b-8c6d-5e4f3a2b1c84";
    static final String DEMO_USER_UPN = "alice@contoso.onmicrosoft.com";
    static final String DEMO_USER_PASSWORD = "demo-only-Passw0rd";
    static final String DEMO_CLIENT = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a95";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/agent-bridge-demo";
    static final String GRAPH = "https://graph.microsoft.com";
    static final String EXCHANGE = "api://AzureADTokenExchange";
    private static final String AWS_KEY_ID = "AKIADEMOBRIDGE000001";
    private static final String AWS_SECRET = "demo/only/secret/key/for/the/sts/emulator0";

    private final EntraEmulator entra;
    private final StsEmulator sts;
    private final GraphEmulator graph;
    private final Path caFile;

    private DemoTenant(EntraEmulator entra, StsEmulator sts, GraphEmulator graph, Path caFile) {
        this.entra = entra;
        this.sts = sts;
        this.graph = graph;
        this.caFile = caFile;
    }

    static DemoTenant start(Clock clock, Path workDir) {
        StsEmulator sts = StsEmulator.start(clock, "us-east-1");
        sts.addPrincipal(StsPrincipal.of(AWS_KEY_ID, AWS_SECRET, ROLE_ARN, "123456789012", "us-east-1")
                .withPolicy(OutboundTokenPolicy.restrictedTo(Set.of(EXCHANGE), 3600, "RS256")));
        EntraEmulator entra = EntraEmulator.start(clock);
        Tenant t = entra.directory().tenant(TENANT_ID, "contoso.onmicrosoft.com");
        // The blueprint's only credential: the AWS role's outbound identity token.
        t.blueprint(BLUEPRINT).federatedCredential("aws-demo-role", sts.issuer(), ROLE_ARN, EXCHANGE);
        t.agentIdentity(MAIL_AGENT, BLUEPRINT);
        t.agentIdentity(CALENDAR_AGENT, BLUEPRINT);
        t.agentUser(AGENT_USER_ID, AGENT_USER_UPN, MAIL_AGENT);
        t.user(DEMO_USER_ID, DEMO_USER_UPN);
        t.password(DEMO_USER_ID, DEMO_USER_PASSWORD).publicClient(DEMO_CLIENT);
        t.resource(GRAPH).appRoles("User.Read.All", "Calendars.Read", "Mail.Send", "AgentIdentityBlueprint.Read.All")
                .scopes("User.Read", "Calendars.Read");
        // Lets the credential health check compare the blueprint's FICs with the assertion it presents.
        t.grantAppRoles(BLUEPRINT, GRAPH, "AgentIdentityBlueprint.Read.All");
        for (String agent : new String[] {MAIL_AGENT, CALENDAR_AGENT}) {
            t.grantAppRoles(agent, GRAPH, "User.Read.All", "Calendars.Read");
            t.consent(agent, GRAPH, "User.Read", "Calendars.Read");
        }

        GraphEmulator graph = GraphEmulator.start(clock, Set.of(entra.issuer(TENANT_ID)),
                URI.create(entra.baseUrl() + "/" + TENANT_ID + "/discovery/v2.0/keys"));
        graph.applications(new EntraDirectorySource(entra.directory(), TENANT_ID));
        graph.addUser(new GraphUser(DEMO_USER_ID, DEMO_USER_UPN, "Alice Demo", "Alice", "Demo",
                DEMO_USER_UPN, "Product Manager"));
        graph.addUser(new GraphUser("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c96", "bob@contoso.onmicrosoft.com", "Bob Example",
                "Bob", "Example", "bob@contoso.onmicrosoft.com", "Engineer"));
        graph.addUser(new GraphUser(AGENT_USER_ID, AGENT_USER_UPN, "Mail Agent", null, null, AGENT_USER_UPN, "Agent"));
        Instant nine = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
        graph.addEvent(DEMO_USER_ID, new GraphEvent("evt-1", "Quarterly planning", nine, nine.plus(Duration.ofHours(1)), "Room 4"));
        graph.addEvent(DEMO_USER_ID, new GraphEvent("evt-2", "1:1 with Bob", nine.plus(Duration.ofHours(5)),
                nine.plus(Duration.ofHours(5).plusMinutes(30)), "Teams"));

        Path caFile = workDir.resolve("emulator-ca.pem");
        try {
            Files.writeString(caFile, EmulatorTls.caCertificatePem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the emulators' CA certificate to " + caFile, e);
        }
        return new DemoTenant(entra, sts, graph, caFile);
    }

    /**
     * The configuration the sidecar reads, exactly as an operator would set it — except that the
     * Entra, STS and Graph endpoints point at the emulators and their CA is trusted.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENTRA_TENANT_ID", TENANT_ID);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", BLUEPRINT);
        env.put("ENTRA_ENDPOINT_OVERRIDE", entra.baseUrl().toString());
        env.put("BRIDGE_TRUSTED_CA_FILE", caFile.toString());
        env.put("BRIDGE_CREDENTIAL_SOURCE", "aws-sts");
        env.put("AWS_REGION", "us-east-1");
        env.put("BRIDGE_STS_ENDPOINT", sts.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", AWS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        env.put("BRIDGE_AGENTS", "mail-agent=" + MAIL_AGENT + ":" + AGENT_USER_ID + ",calendar-agent=" + CALENDAR_AGENT);
        env.put("DownstreamApis__graph__BaseUrl", graph.baseUrl().toString());
        env.put("DownstreamApis__graph__Scopes__0", GRAPH + "/.default");
        env.put("DownstreamApis__graph__AllowedPaths__0", "/v1.0/users");
        env.put("DownstreamApis__graph__AllowedPaths__1", "/v1.0/me");
        env.put("BRIDGE_POLICY", "{\"rules\":[{\"name\":\"local-mail-agent\",\"caller\":{\"kind\":\"loopback\"},"
                + "\"agents\":[\"mail-agent\"],\"apis\":[\"graph\"],\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]}]}");
        return env;
    }

    /** Applies a deliberate misconfiguration (see {@link DemoBreak}). */
    DemoTenant breakWith(DemoBreak breakage) {
        Tenant t = tenant();
        switch (breakage) {
            case FIC_SUBJECT:
                replaceFic(sts.issuer(), ROLE_ARN.replace("agent-bridge-demo", "Agent-Bridge-Demo"), EXCHANGE);
                break;
            case FIC_ISSUER:
                replaceFic(sts.issuer() + "/", ROLE_ARN, EXCHANGE);
                break;
            case FIC_AUDIENCE:
                replaceFic(sts.issuer(), ROLE_ARN, "api://AzureADTokenExchangeUSGov");
                break;
            case FEDERATION_DISABLED:
                sts.outboundFederationEnabled(false);
                break;
            case AGENT_DISABLED:
                t.agentIdentity(MAIL_AGENT, BLUEPRINT).enabled(false);
                break;
            case SECRET_EXPIRING:
                t.blueprint(BLUEPRINT).secret("demo-secret-" + java.util.UUID.randomUUID(),
                        Instant.now().plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
                break;
            default:
                throw new IllegalStateException("unhandled " + breakage);
        }
        return this;
    }

    private void replaceFic(String issuer, String subject, String audience) {
        tenant().blueprint(BLUEPRINT).removeFederatedCredential("aws-demo-role")
                .federatedCredential("aws-demo-role", issuer, subject, audience);
    }

    /**
     * {@link #environment()} plus the operator's own {@code BRIDGE_HEALTH_*} settings from {@code outer}:
     * the demo configures everything else itself, but how its health check runs stays the operator's.
     */
    Map<String, String> environmentKeepingHealthSettings(Map<String, String> outer) {
        Map<String, String> env = environment();
        outer.forEach((name, value) -> {
            if (name.startsWith("BRIDGE_HEALTH_")) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** The emulated tenant, for tests that add to the demo's world. */
    Tenant tenant() {
        return entra.directory().tenant(TENANT_ID);
    }

    EntraEmulator entra() {
        return entra;
    }

    URI stsEndpoint() {
        return sts.endpoint();
    }

    URI entraBaseUrl() {
        return entra.baseUrl();
    }

    URI graphBaseUrl() {
        return graph.baseUrl();
    }

    Path caFile() {
        return caFile;
    }

    @Override
    public void close() {
        graph.close();
        entra.close();
        sts.close();
    }
}
