package dev.entrabridge.emulator.cloud;

import dev.entrabridge.emulator.entra.EntraEmulator;
import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.emulator.gcp.GceInstance;
import dev.entrabridge.emulator.gcp.GcpMetadataEmulator;
import dev.entrabridge.emulator.graph.GraphEmulator;
import dev.entrabridge.emulator.http.GeneratedCertificate;
import dev.entrabridge.emulator.identity.ManagedIdentity;
import dev.entrabridge.emulator.identity.ManagedIdentityEmulator;
import dev.entrabridge.emulator.identity.MintedToken;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.emulator.sts.OutboundTokenPolicy;
import dev.entrabridge.emulator.sts.StsEmulator;
import dev.entrabridge.emulator.sts.StsPrincipal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The one seeded world every test and the demo run in: an Entra tenant whose agent identity
 * blueprint trusts every emulated workload issuer (AWS STS, GCP metadata, a Kubernetes-style
 * cluster issuer, an Azure user-assigned managed identity), two agent identities, an agent user, a
 * person, Microsoft Graph as a resource with roles granted, and the Graph emulator serving that
 * tenant's directory. {@link #builder()} adds what a test needs on top; {@link #tenant()} and each
 * emulator's {@code faults()} break one thing at a time.
 *
 * <p>The identifiers are fixed constants so documentation, curl commands and assertions can name them.
 */
public final class EmulatedCloud implements AutoCloseable {

    public static final String TENANT_ID = "7c6b2a1e-0d4f-4e8a-9b3c-5f2e1d0c9b8a";
    public static final String TENANT_DOMAIN = "contoso.onmicrosoft.com";
    public static final String BLUEPRINT_APP_ID = "b1e9c0de-0000-4000-8000-00000000b1e9";
    /** The agent identity of the autonomous, on-behalf-of and agent-user examples. */
    public static final String MAILER_AGENT_APP_ID = "a9e17001-0000-4000-8000-0000000a9e17";
    /** A second agent identity of the same blueprint, with fewer Graph roles. */
    public static final String CALENDAR_AGENT_APP_ID = "a9e17002-0000-4000-8000-0000000a9e18";
    public static final String AGENT_USER_OID = "a9e10000-0000-4000-8000-000000000013";
    public static final String AGENT_USER_UPN = "mailer-agent@" + TENANT_DOMAIN;
    /** The person of the on-behalf-of examples. */
    public static final String USER_OID = "a11ce000-0000-4000-8000-0000000a11ce";
    public static final String USER_UPN = "alice@" + TENANT_DOMAIN;
    public static final String GRAPH = "https://graph.microsoft.com";
    /** The blueprint's identifier URI as an API (accessTokenAcceptedVersion 2 unless a test registers it for 1). */
    public static final String BLUEPRINT_API = "api://" + BLUEPRINT_APP_ID;
    /** The delegated scope the blueprint exposes to users. */
    public static final String ACCESS_AS_USER = "access_as_user";
    public static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

    /** The names of the blueprint's federated identity credentials, one per workload issuer. */
    public static final String FIC_AWS = "aws-lambda";
    public static final String FIC_GCP = "gcp";
    public static final String FIC_KUBERNETES = "kubernetes";
    public static final String FIC_MANAGED_IDENTITY = "managed-identity";

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

    /** With {@link Builder#developmentCredentials()}: the blueprint's emulator-only client secret. */
    public static final String BLUEPRINT_SECRET = "bp-secret-value~1";
    /** With {@link Builder#demoPeople()}: the public client the person signs in with, and their password. */
    public static final String PUBLIC_CLIENT_APP_ID = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a95";
    public static final String USER_PASSWORD = "demo-only-Passw0rd";
    /** With {@link Builder#secondTenant()}: another tenant, where the blueprint does not exist. */
    public static final String OTHER_TENANT_ID = "1a2b3c4d-0d4e-4b8f-9a61-2c5e8d9b0a99";
    public static final String OTHER_TENANT_DOMAIN = "fabrikam.onmicrosoft.com";

    private final Clock clock;
    private final EntraEmulator entra;
    private final StsEmulator sts;
    private final GcpMetadataEmulator gcp;
    private final OidcIssuerEmulator cluster;
    private final ManagedIdentityEmulator managedIdentity;
    private final GraphEmulator graph;
    private final DevelopmentCredentials developmentCredentials;

    private EmulatedCloud(Builder options) {
        this.clock = options.clock;
        this.entra = EntraEmulator.start(clock);
        this.sts = StsEmulator.start(clock, AWS_REGION);
        this.gcp = GcpMetadataEmulator.start(GceInstance.example(), clock);
        this.cluster = OidcIssuerEmulator.start("cluster", clock);
        Duration miLifetime = Duration.ofHours(24);
        this.managedIdentity = ManagedIdentityEmulator.start((resource, id) -> new MintedToken(
                entra.mintManagedIdentityToken(TENANT_ID, id.principalId(), id.clientId(), resource, miLifetime),
                clock.instant().plus(miLifetime)), clock);
        managedIdentity.addUserAssigned(ManagedIdentity.userAssigned(MI_CLIENT_ID, MI_PRINCIPAL_ID, "bridge-identity"));
        // Least privilege, as the role's IAM policy would grant it: only Entra's audience, at most an hour.
        sts.addPrincipal(StsPrincipal.of(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ROLE_ARN, AWS_ACCOUNT, AWS_REGION)
                .withPolicy(OutboundTokenPolicy.restrictedTo(Set.of(EXCHANGE_AUDIENCE), 3600, "RS256")));
        seedDirectory();
        this.graph = GraphEmulator.startFor(entra, TENANT_ID, clock);
        this.developmentCredentials = options.developmentCredentials
                ? DevelopmentCredentials.addTo(tenant().blueprint(BLUEPRINT_APP_ID), BLUEPRINT_SECRET, clock) : null;
        if (options.demoPeople) {
            DemoPeople.seed(tenant(), graph, clock);
        }
        if (options.secondTenant) {
            entra.directory().tenant(OTHER_TENANT_ID, OTHER_TENANT_DOMAIN).resource(GRAPH);
        }
    }

    /** Starts every emulator on loopback and seeds the standard directory, nothing more. */
    public static EmulatedCloud start(Clock clock) {
        return builder().clock(clock).start();
    }

    /** The standard world plus the options a test or the demo asks for. */
    public static Builder builder() {
        return new Builder();
    }

    private void seedDirectory() {
        Tenant t = tenant();
        t.blueprint(BLUEPRINT_APP_ID)
                .federatedCredential(FIC_AWS, sts.issuer(), AWS_ROLE_ARN, EXCHANGE_AUDIENCE)
                .federatedCredential(FIC_GCP, gcp.issuer(), gcp.serviceAccountUniqueId(), EXCHANGE_AUDIENCE)
                .federatedCredential(FIC_KUBERNETES, cluster.issuer(), K8S_SUBJECT, EXCHANGE_AUDIENCE)
                .federatedCredential(FIC_MANAGED_IDENTITY, entra.issuer(TENANT_ID), MI_PRINCIPAL_ID, EXCHANGE_AUDIENCE);
        t.agentIdentity(MAILER_AGENT_APP_ID, BLUEPRINT_APP_ID);
        t.agentIdentity(CALENDAR_AGENT_APP_ID, BLUEPRINT_APP_ID);
        t.agentUser(AGENT_USER_OID, AGENT_USER_UPN, MAILER_AGENT_APP_ID);
        t.user(USER_OID, USER_UPN);
        // The blueprint exposes access_as_user, the scope of the user tokens presented for on-behalf-of; its
        // manifest asks for v2 tokens, whose issuer the bridge's tests trust.
        t.api(BLUEPRINT_APP_ID, BLUEPRINT_API).scopes(ACCESS_AS_USER).accessTokenAcceptedVersion(2);
        t.resource(GRAPH).appRoles("User.Read.All", "Mail.Send", "Calendars.Read", "AgentIdentityBlueprint.Read.All")
                .scopes("User.Read", "User.Read.All", "Mail.Send", "Mail.Read", "Calendars.Read");
        t.grantAppRoles(MAILER_AGENT_APP_ID, GRAPH, "User.Read.All", "Mail.Send", "Calendars.Read");
        t.grantAppRoles(CALENDAR_AGENT_APP_ID, GRAPH, "User.Read.All");
        // Mail.Read stays unconsented for everyone: the scope a consent (AADSTS65001) example asks for.
        t.consent(MAILER_AGENT_APP_ID, GRAPH, "User.Read", "User.Read.All", "Mail.Send", "Calendars.Read");
        t.consent(CALENDAR_AGENT_APP_ID, GRAPH, "User.Read");
    }

    /** The clock every emulator of this cloud reads (a {@link MutableClock} when a test moves time). */
    public Clock clock() {
        return clock;
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

    /** The blueprint's secret and certificate; only with {@link Builder#developmentCredentials()}. */
    public DevelopmentCredentials developmentCredentials() {
        return Optional.ofNullable(developmentCredentials).orElseThrow(() -> new IllegalStateException(
                "this cloud has no development credentials: build it with EmulatedCloud.builder().developmentCredentials()"));
    }

    /** A projected service-account token as a kubelet would write it to the token file. */
    public String kubernetesToken(Duration lifetime) {
        return cluster.mint(K8S_SUBJECT, EXCHANGE_AUDIENCE, lifetime);
    }

    /** Clears every injected fault of every emulator (latency and Graph's throttling included). */
    public void resetFaults() {
        entra.faults().reset();
        sts.faults().reset();
        sts.issuerFaults().reset();
        gcp.faults().reset();
        cluster.faults().reset();
        managedIdentity.faults().reset();
        graph.faults().reset();
        graph.throttleNext(0, Duration.ZERO);
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

    /** What to add to the standard world; {@link #start()} starts it. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private boolean developmentCredentials;
        private boolean demoPeople;
        private boolean secondTenant;

        private Builder() {
        }

        /** The clock of every emulator (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Gives the blueprint a client secret ({@link #BLUEPRINT_SECRET}) and a certificate as well as its
         * federated credentials, for the development credential sources.
         */
        public Builder developmentCredentials() {
            this.developmentCredentials = true;
            return this;
        }

        /**
         * Lets the person ({@link #USER_UPN}) sign in with {@link #USER_PASSWORD} through the public client
         * {@link #PUBLIC_CLIENT_APP_ID}, and seeds Graph with display names, a colleague and today's events.
         */
        public Builder demoPeople() {
            this.demoPeople = true;
            return this;
        }

        /** Adds tenant {@link #OTHER_TENANT_ID}, which knows Graph but not the blueprint. */
        public Builder secondTenant() {
            this.secondTenant = true;
            return this;
        }

        /** Starts every emulator on loopback, seeded. */
        public EmulatedCloud start() {
            return new EmulatedCloud(this);
        }
    }
}
