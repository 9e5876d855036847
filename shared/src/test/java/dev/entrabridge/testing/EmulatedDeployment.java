package dev.entrabridge.testing;

import com.microsoft.aad.msal4j.ConfiguredManagedIdentityEnvironment;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.cloud.MutableClock;
import dev.entrabridge.emulator.graph.GraphEvent;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.entra.AgentTokenService;
import dev.entrabridge.health.CredentialHealth;
import dev.entrabridge.retry.Sleeper;
import dev.entrabridge.runtime.BridgeRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bridge deployed on a running {@link EmulatedCloud}: the environment an operator would set for
 * each credential source, pointing at the emulators, the files it names (CA, certificate, token
 * file) written to a directory, and the one place tests build the core from that configuration.
 * This is the only code that knows which variables connect the bridge to the emulated cloud.
 *
 * @param cloud the running cloud
 * @param dir   an existing, writable directory for the files the configuration names
 */
public record EmulatedDeployment(EmulatedCloud cloud, Path dir) {

    /** The configured agent names: the mailer agent (with its agent user) and the calendar agent. */
    public static final String MAIL_AGENT = "mail-agent";
    public static final String CALENDAR_AGENT = "calendar-agent";
    /** The configured downstream API: the cloud's Microsoft Graph. */
    public static final String GRAPH_API = "graph";
    public static final String GRAPH_DEFAULT = EmulatedCloud.GRAPH + "/.default";
    /**
     * A caller policy ({@code BRIDGE_POLICY}) letting local (loopback) callers use {@link #MAIL_AGENT} for
     * {@link #GRAPH_API} in every flow; nothing grants {@link #CALENDAR_AGENT}. The environment sets no
     * policy (default deny); the demo and the tests that call as a local agent add this one.
     */
    public static final String LOOPBACK_MAIL_AGENT_POLICY = "{\"rules\":[{\"name\":\"local-mail-agent\","
            + "\"caller\":{\"kind\":\"loopback\"},\"agents\":[\"" + MAIL_AGENT + "\"],\"apis\":[\"" + GRAPH_API + "\"],"
            + "\"flows\":[\"autonomous\",\"obo\",\"agent-user\"]}]}";
    /**
     * The Graph paths (below the API's {@code BaseUrl}, Graph's {@code /v1.0/} as in Microsoft's Graph entry) the
     * API's allowlist admits; everything else is refused before Graph is called.
     */
    public static final List<String> GRAPH_ALLOWED_PATHS = List.of("/users", "/me");

    /** The Bedrock agent (and alias) of the action-group examples, mapped to {@link #MAIL_AGENT}. */
    public static final String BEDROCK_AGENT_ID = "8ZXY0W8P1H";
    public static final String BEDROCK_ALIAS_ID = "TSTALIASID";
    /** A Bedrock agent mapped to {@link #CALENDAR_AGENT}, whose identity may read users but not calendars. */
    public static final String BEDROCK_CALENDAR_AGENT_ID = "C4LENDAR01";
    /**
     * A caller policy ({@code BRIDGE_POLICY}) letting each mapped Bedrock agent use its agent for
     * {@link #GRAPH_API}, autonomously; what {@link #bedrockEnvironment()} sets.
     */
    public static final String BEDROCK_POLICY = "{\"rules\":["
            + "{\"name\":\"bedrock-mail-agent\",\"caller\":{\"kind\":\"bedrock-agent\",\"agentId\":\"" + BEDROCK_AGENT_ID
            + "\"},\"agents\":[\"" + MAIL_AGENT + "\"],\"apis\":[\"" + GRAPH_API + "\"],\"flows\":[\"autonomous\"]},"
            + "{\"name\":\"bedrock-calendar-agent\",\"caller\":{\"kind\":\"bedrock-agent\",\"agentId\":\""
            + BEDROCK_CALENDAR_AGENT_ID + "\"},\"agents\":[\"" + CALENDAR_AGENT + "\"],\"apis\":[\"" + GRAPH_API
            + "\"],\"flows\":[\"autonomous\"]}]}";
    /** The day of {@link #seedExampleCalendar()}'s events, which the calendar examples ask for. */
    public static final String EXAMPLE_DAY = "2026-01-15";

    private static final String CA_FILE = "emulator-ca.pem";
    private static final String TOKEN_FILE = "azure-identity-token";

    /** Writes the emulators' CA certificate, which every source's configuration names. */
    public EmulatedDeployment {
        Objects.requireNonNull(cloud, "cloud");
        write(dir, CA_FILE, EmulatorTls.caCertificatePem());
    }

    /** A deployment on {@code cloud} whose files go to {@code dir} (an existing, writable directory). */
    public static EmulatedDeployment of(EmulatedCloud cloud, Path dir) {
        return new EmulatedDeployment(cloud, dir);
    }

    /**
     * The variables an operator would set to use {@code source}, pointing at the emulators (a fresh,
     * mutable map a test may change). For {@code managed-identity} it also hands MSAL4J's managed
     * identity client these variables, which it otherwise reads from the process environment.
     */
    public Map<String, String> environment(CredentialSourceKind source) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENTRA_TENANT_ID", EmulatedCloud.TENANT_ID);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", EmulatedCloud.BLUEPRINT_APP_ID);
        env.put("ENTRA_ENDPOINT_OVERRIDE", cloud.entra().baseUrl().toString());
        env.put("BRIDGE_TRUSTED_CA_FILE", caFile().toString());
        env.put("BRIDGE_AGENTS", MAIL_AGENT + "=" + EmulatedCloud.MAILER_AGENT_APP_ID + ":"
                + EmulatedCloud.AGENT_USER_OID + "," + CALENDAR_AGENT + "=" + EmulatedCloud.CALENDAR_AGENT_APP_ID);
        env.put("DownstreamApis__" + GRAPH_API + "__BaseUrl", cloud.graph().baseUrl() + "/v1.0/");
        env.put("DownstreamApis__" + GRAPH_API + "__Scopes__0", GRAPH_DEFAULT);
        for (int i = 0; i < GRAPH_ALLOWED_PATHS.size(); i++) {
            env.put("DownstreamApis__" + GRAPH_API + "__AllowedPaths__" + i, GRAPH_ALLOWED_PATHS.get(i));
        }
        env.put("BRIDGE_CREDENTIAL_SOURCE", source.configName());
        switch (source) {
            case AWS_STS:
                env.put("AWS_REGION", EmulatedCloud.AWS_REGION);
                env.put("BRIDGE_STS_ENDPOINT", cloud.sts().endpoint().toString());
                env.put("AWS_ACCESS_KEY_ID", EmulatedCloud.AWS_ACCESS_KEY_ID);
                env.put("AWS_SECRET_ACCESS_KEY", EmulatedCloud.AWS_SECRET_ACCESS_KEY);
                break;
            case GCP_METADATA:
                env.put("GCE_METADATA_HOST", cloud.gcp().host());
                break;
            case MANAGED_IDENTITY:
                env.put("IDENTITY_ENDPOINT", cloud.managedIdentity().identityEndpoint().toString());
                env.put("IDENTITY_HEADER", cloud.managedIdentity().identityHeader());
                env.put("BRIDGE_MANAGED_IDENTITY_CLIENT_ID", EmulatedCloud.MI_CLIENT_ID);
                ConfiguredManagedIdentityEnvironment.use(env);
                break;
            case TOKEN_FILE:
                if (!Files.exists(tokenFile())) {
                    writeKubernetesToken(Duration.ofHours(1));
                }
                env.put("AZURE_FEDERATED_TOKEN_FILE", tokenFile().toString());
                break;
            case CLIENT_SECRET:
                env.put("ENTRA_CLIENT_SECRET", cloud.developmentCredentials().secret());
                break;
            case CERTIFICATE:
                env.put("ENTRA_CLIENT_CERTIFICATE_PATH", write(dir, "blueprint.pem",
                        cloud.developmentCredentials().certificate().privateKeyAndCertificatePem()).toString());
                break;
            default:
                throw new IllegalArgumentException("no emulated configuration for credential source " + source);
        }
        return env;
    }

    /**
     * The environment of the Lambda deployment behind Bedrock agents' action groups: the {@code aws-sts}
     * source as {@link #environment} sets it, the Bedrock agents mapped ({@link #BEDROCK_AGENT_ID} to
     * {@link #MAIL_AGENT}, {@link #BEDROCK_CALENDAR_AGENT_ID} to {@link #CALENDAR_AGENT}) and allowed by
     * {@link #BEDROCK_POLICY}, mail turned on and the generic Graph GET allowed below {@code /users}.
     * The Graph examples expect the cloud's demo people and {@link #seedExampleCalendar()}.
     */
    public Map<String, String> bedrockEnvironment() {
        Map<String, String> env = environment(CredentialSourceKind.AWS_STS);
        env.put("BRIDGE_BEDROCK_AGENTS", MAIL_AGENT + "=" + BEDROCK_AGENT_ID + "," + CALENDAR_AGENT + "="
                + BEDROCK_CALENDAR_AGENT_ID);
        env.put("BRIDGE_POLICY", BEDROCK_POLICY);
        env.put("BRIDGE_GRAPH_SEND_MAIL", "true");
        env.put("BRIDGE_GRAPH_ALLOWED_PATHS", "/users");
        return env;
    }

    /** Gives the person ({@link EmulatedCloud#USER_UPN}) two events on {@link #EXAMPLE_DAY}, for the calendar examples. */
    public void seedExampleCalendar() {
        Instant day = LocalDate.parse(EXAMPLE_DAY).atStartOfDay(ZoneOffset.UTC).toInstant();
        cloud.graph().addEvent(EmulatedCloud.USER_OID, new GraphEvent("example-1", "Design review",
                day.plus(Duration.ofHours(10)), day.plus(Duration.ofHours(11)), "Room 2"));
        cloud.graph().addEvent(EmulatedCloud.USER_OID, new GraphEvent("example-2", "Customer call",
                day.plus(Duration.ofHours(15)), day.plus(Duration.ofHours(15).plusMinutes(30)), "Teams"));
    }

    public BridgeConfig config(CredentialSourceKind source) {
        return BridgeConfig.fromEnvironment(environment(source));
    }

    /** The emulators' CA certificate, as {@code BRIDGE_TRUSTED_CA_FILE} names it. */
    public Path caFile() {
        return dir.resolve(CA_FILE);
    }

    /** The projected service-account token file of the {@code token-file} source. */
    public Path tokenFile() {
        return dir.resolve(TOKEN_FILE);
    }

    /** Writes a fresh projected service-account token, atomically as the kubelet does, and returns it. */
    public String writeKubernetesToken(Duration lifetime) {
        String token = cloud.kubernetesToken(lifetime);
        Path next = write(dir, TOKEN_FILE + ".next", token);
        try {
            Files.move(next, tokenFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + tokenFile(), e);
        }
        return token;
    }

    /** A token service for {@code source} on the cloud's clock, whose retry waits advance that clock. */
    public AgentTokenService tokenService(CredentialSourceKind source) {
        if (!(cloud.clock() instanceof MutableClock)) {
            throw new IllegalStateException("the cloud runs on the system clock: pass a clock and sleeper explicitly");
        }
        return tokenService(config(source), (MutableClock) cloud.clock());
    }

    /** A token service on the bridge's own clock; its retry waits advance that clock instead of sleeping. */
    public AgentTokenService tokenService(BridgeConfig config, MutableClock bridgeClock) {
        return tokenService(config, bridgeClock, bridgeClock::advance);
    }

    /**
     * The bridge on {@code clock}, waiting with {@code sleeper}, built through {@link Runtimes} as every
     * deployment builds it; take {@code tokens()}, {@code health()}, {@code issuer()} or {@code endpoint()}.
     */
    public BridgeRuntime runtime(BridgeConfig config, Clock clock, Sleeper sleeper) {
        return Runtimes.onClock(config, clock, sleeper);
    }

    /** The token service of {@link #runtime}. */
    public AgentTokenService tokenService(BridgeConfig config, Clock clock, Sleeper sleeper) {
        return runtime(config, clock, sleeper).tokens();
    }

    /** The credential health check as a deployment configured by {@code environment} builds it, in real time. */
    public CredentialHealth credentialHealth(Map<String, String> environment) {
        return runtime(BridgeConfig.fromEnvironment(environment), Clock.systemUTC(), Sleeper.system()).health();
    }

    /** The token requests Entra received from one client (the blueprint for leg 1, an agent for leg 2). */
    public List<RecordedRequest> tokenRequestsBy(String clientId) {
        return cloud.entra().tokenRequests().stream()
                .filter(r -> r.formParam("client_id").orElse("").equals(clientId)).toList();
    }

    private static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " to " + dir, e);
        }
    }
}
