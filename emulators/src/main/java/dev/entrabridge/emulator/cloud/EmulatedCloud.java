package dev.entrabridge.emulator.cloud;

import dev.entrabridge.emulator.entra.EntraEmulator;
import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.emulator.gcp.GceInstance;
import dev.entrabridge.emulator.gcp.GcpMetadataEmulator;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.identity.ManagedIdentity;
import dev.entrabridge.emulator.identity.ManagedIdentityEmulator;
import dev.entrabridge.emulator.identity.MintedToken;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.emulator.sts.StsEmulator;
import dev.entrabridge.emulator.sts.StsPrincipal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A whole emulated cloud in one line: an Entra tenant whose agent identity blueprint trusts every
 * emulated workload issuer (AWS STS, GCP metadata, a Kubernetes-style cluster issuer, an Azure
 * user-assigned managed identity), two agent identities, an agent user, a human user, Microsoft
 * Graph as a resource with roles granted, and the Graph emulator serving that tenant's directory. Tests and the demo change the directory
 * through {@link #entra()} to produce every misconfiguration.
 *
 * <p>The identifiers are fixed constants so documentation, curl commands and assertions can name them.
 */
public final class EmulatedCloud implements AutoCloseable {

    public static final String TENANT_ID = "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a";
    public static final String TENANT_DOMAIN = "contoso.onmicrosoft.com";
    public static final String BLUEPRINT_APP_ID = "b1e9c0de-0000-4000-8000-00000000b1e9";
    /** The agent identity used for autonomous and agent-user examples. */
    public static final String MAILER_AGENT_APP_ID = "a9e17001-0000-4000-8000-0000000a9e17";
    /** A second agent identity, with fewer Graph roles. */
    public static final String RESEARCHER_AGENT_APP_ID = "a9e17002-0000-4000-8000-0000000a9e18";
    public static final String AGENT_USER_OID = "a9e10000-0000-4000-8000-000000000013";
    public static final String AGENT_USER_UPN = "mailer-agent@" + TENANT_DOMAIN;
    public static final String USER_OID = "a11ce000-0000-4000-8000-0000000a11ce";
    public static final String USER_UPN = "alice@" + TENANT_DOMAIN;
    public static final String GRAPH = "https://graph.microsoft.com";
    public static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

    /** The AWS principal (a Lambda execution role) whose STS tokens the blueprint trusts. */
    public static final String AWS_ACCOUNT = "123456789012";
    public static final String AWS_ROLE_ARN = "arn:aws:iam::" + AWS_ACCOUNT + ":role/BedrockGraphActionsRole";
    public static final String AWS_ACCESS_KEY_ID = "AKIAEMULATOR00000001";
    /** Emulator-only credential: the STS emulator verifies SigV4 signatures made with it. */
    public static final String AWS_SECRET_ACCESS_KEY = "emulator/secret/key/for/sigv4/verification";
    public static final String AWS_REGION = "us-east-1";

    public static final String K8S_SUBJECT = "system:serviceaccount:agents:entra-agent-bridge";
    public static final String MI_CLIENT_ID = "3c1d0000-0000-4000-8000-00000000a1d1";
    public static final String MI_PRINCIPAL_ID = "3c1d0000-0000-4000-8000-00000000a1d2";

    private final EntraEmulator entra;
    private final StsEmulator sts;
    private final GcpMetadataEmulator gcp;
    private final OidcIssuerEmulator cluster;
    private final ManagedIdentityEmulator managedIdentity;
    private final GraphEmulator graph;

    private EmulatedCloud(Clock clock) {
        this.entra = EntraEmulator.start(clock);
        this.sts = StsEmulator.start(clock, AWS_REGION);
        this.gcp = GcpMetadataEmulator.start(GceInstance.example(), clock);
        this.cluster = OidcIssuerEmulator.start("cluster", clock);
        Duration miLifetime = Duration.ofHours(24);
        this.managedIdentity = ManagedIdentityEmulator.start((resource, id) -> new MintedToken(
                entra.mintManagedIdentityToken(TENANT_ID, id.principalId(), id.clientId(), resource, miLifetime),
                clock.instant().plus(miLifetime)), clock);
        managedIdentity.addUserAssigned(ManagedIdentity.userAssigned(MI_CLIENT_ID, MI_PRINCIPAL_ID, "bridge-identity"));
        sts.addPrincipal(StsPrincipal.of(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ROLE_ARN, AWS_ACCOUNT,
                AWS_REGION));
        seedDirectory(clock.instant());
        this.graph = GraphEmulator.startFor(entra, TENANT_ID, clock);
    }

    /** Starts every emulator on loopback and seeds the standard directory. */
    public static EmulatedCloud start(Clock clock) {
        return new EmulatedCloud(clock);
    }

    private void seedDirectory(Instant now) {
        Tenant t = entra.directory().tenant(TENANT_ID, TENANT_DOMAIN);
        t.blueprint(BLUEPRINT_APP_ID)
                .federatedCredential("aws-lambda", sts.issuer(), AWS_ROLE_ARN, EXCHANGE_AUDIENCE)
                .federatedCredential("gcp", gcp.issuer(), gcp.serviceAccountUniqueId(), EXCHANGE_AUDIENCE)
                .federatedCredential("kubernetes", cluster.issuer(), K8S_SUBJECT, EXCHANGE_AUDIENCE)
                .federatedCredential("managed-identity", entra.issuer(TENANT_ID), MI_PRINCIPAL_ID, EXCHANGE_AUDIENCE);
        t.agentIdentity(MAILER_AGENT_APP_ID, BLUEPRINT_APP_ID);
        t.agentIdentity(RESEARCHER_AGENT_APP_ID, BLUEPRINT_APP_ID);
        t.agentUser(AGENT_USER_OID, AGENT_USER_UPN, MAILER_AGENT_APP_ID);
        t.user(USER_OID, USER_UPN);
        t.resource(GRAPH).appRoles("User.Read.All", "Mail.Send", "Calendars.Read", "AgentIdentityBlueprint.Read.All")
                .scopes("User.Read", "User.Read.All", "Mail.Send", "Calendars.Read");
        t.grantAppRoles(MAILER_AGENT_APP_ID, GRAPH, "User.Read.All", "Mail.Send", "Calendars.Read");
        t.grantAppRoles(RESEARCHER_AGENT_APP_ID, GRAPH, "User.Read.All");
        t.consent(MAILER_AGENT_APP_ID, GRAPH, "User.Read", "User.Read.All", "Mail.Send", "Calendars.Read");
        t.consent(RESEARCHER_AGENT_APP_ID, GRAPH, "User.Read");
    }

    public EntraEmulator entra() {
        return entra;
    }

    public StsEmulator sts() {
        return sts;
    }

    public GcpMetadataEmulator gcp() {
        return gcp;
    }

    /** A Kubernetes-style cluster issuer for projected service-account token files. */
    public OidcIssuerEmulator cluster() {
        return cluster;
    }

    public ManagedIdentityEmulator managedIdentity() {
        return managedIdentity;
    }

    /**
     * Microsoft Graph for the seeded tenant (its blueprints, FICs and users, live). The blueprint is
     * not granted {@code AgentIdentityBlueprint.Read.All} by default; grant it to let it read its own FICs.
     */
    public GraphEmulator graph() {
        return graph;
    }

    /** The seeded tenant, for adding or breaking things. */
    public Tenant tenant() {
        return entra.directory().tenant(TENANT_ID, TENANT_DOMAIN);
    }

    /** A projected service-account token as a kubelet would write it to the token file. */
    public String kubernetesToken(Duration lifetime) {
        return cluster.mint(K8S_SUBJECT, EXCHANGE_AUDIENCE, lifetime);
    }

    @Override
    public void close() {
        graph.close();
        managedIdentity.close();
        cluster.close();
        gcp.close();
        sts.close();
        entra.close();
    }
}
