package dev.entrabridge.demo;

import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.testing.EmulatedDeployment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.entrabridge.emulator.cloud.EmulatedCloud.AWS_ROLE_ARN;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.BLUEPRINT_APP_ID;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.EXCHANGE_AUDIENCE;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.FIC_AWS;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.GRAPH;
import static dev.entrabridge.emulator.cloud.EmulatedCloud.MAILER_AGENT_APP_ID;

/**
 * The world the demo runs in, all in this process on loopback: the {@link EmulatedCloud} with its
 * demo people (a person who signs in with a password, Graph users and events), whose blueprint
 * holds no secret and trusts the emulated AWS role through a federated identity credential, and
 * may read its own credentials through Graph for the health check. The sidecar reaches all of it
 * only through its ordinary configuration ({@link #environment()}): endpoint overrides and a CA file.
 */
final class DemoTenant implements AutoCloseable {

    private final EmulatedCloud cloud;
    private final EmulatedDeployment deployment;

    private DemoTenant(EmulatedCloud cloud, EmulatedDeployment deployment) {
        this.cloud = cloud;
        this.deployment = deployment;
    }

    static DemoTenant start(Clock clock, Path workDir) {
        EmulatedCloud cloud = EmulatedCloud.builder().clock(clock).demoPeople().start();
        // Lets the credential health check compare the blueprint's FICs with the assertion it presents.
        cloud.tenant().grantAppRoles(BLUEPRINT_APP_ID, GRAPH, "AgentIdentityBlueprint.Read.All");
        return new DemoTenant(cloud, EmulatedDeployment.of(cloud, workDir));
    }

    /**
     * The configuration the sidecar reads, exactly as an operator would set it for an AWS workload —
     * except that the Entra, STS and Graph endpoints point at the emulators and their CA is trusted.
     */
    Map<String, String> environment() {
        Map<String, String> env = deployment.environment(CredentialSourceKind.AWS_STS);
        // Local callers may use the mail agent, in every flow; nothing grants the calendar agent.
        env.put("BRIDGE_POLICY", EmulatedDeployment.LOOPBACK_MAIL_AGENT_POLICY);
        return env;
    }

    /**
     * The configuration of the Lambda behind Bedrock agents' action groups on this world, as an operator
     * would set it ({@code BRIDGE_BEDROCK_AGENTS}, a policy for the Bedrock agents, mail on), pointing at
     * the emulators; its calendar examples ask for the events {@link #withExampleCalendar()} adds.
     */
    Map<String, String> bedrockEnvironment() {
        return deployment.bedrockEnvironment();
    }

    /** Adds the person's events on the day the calendar examples ask about. */
    DemoTenant withExampleCalendar() {
        deployment.seedExampleCalendar();
        return this;
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

    /** Applies a deliberate misconfiguration (see {@link DemoBreak}). */
    DemoTenant breakWith(DemoBreak breakage) {
        Tenant t = cloud.tenant();
        switch (breakage) {
            case FIC_SUBJECT:
                replaceAwsFic(cloud.sts().issuer(), AWS_ROLE_ARN.toLowerCase(Locale.ROOT), EXCHANGE_AUDIENCE);
                break;
            case FIC_ISSUER:
                replaceAwsFic(cloud.sts().issuer() + "/", AWS_ROLE_ARN, EXCHANGE_AUDIENCE);
                break;
            case FIC_AUDIENCE:
                replaceAwsFic(cloud.sts().issuer(), AWS_ROLE_ARN, "api://AzureADTokenExchangeUSGov");
                break;
            case FEDERATION_DISABLED:
                cloud.sts().outboundFederationEnabled(false);
                break;
            case AGENT_DISABLED:
                t.agentIdentity(MAILER_AGENT_APP_ID, BLUEPRINT_APP_ID).enabled(false);
                break;
            case SECRET_EXPIRING:
                t.blueprint(BLUEPRINT_APP_ID).secret("demo-secret-" + UUID.randomUUID(),
                        Instant.now().plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
                break;
            default:
                throw new IllegalStateException("unhandled " + breakage);
        }
        return this;
    }

    private void replaceAwsFic(String issuer, String subject, String audience) {
        cloud.tenant().blueprint(BLUEPRINT_APP_ID).removeFederatedCredential(FIC_AWS)
                .federatedCredential(FIC_AWS, issuer, subject, audience);
    }

    URI entraBaseUrl() {
        return cloud.entra().baseUrl();
    }

    URI graphBaseUrl() {
        return cloud.graph().baseUrl();
    }

    Path caFile() {
        return deployment.caFile();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
