package dev.entrabridge.testing;

import com.nimbusds.jwt.SignedJWT;
import dev.entrabridge.config.BridgeConfig;
import dev.entrabridge.config.CredentialSourceKind;
import dev.entrabridge.emulator.entra.EntraEmulator;
import dev.entrabridge.emulator.entra.Tenant;
import dev.entrabridge.emulator.gcp.GceInstance;
import dev.entrabridge.emulator.gcp.GcpMetadataEmulator;
import dev.entrabridge.emulator.http.EmulatorTls;
import dev.entrabridge.emulator.http.RecordedRequest;
import dev.entrabridge.emulator.identity.ManagedIdentity;
import dev.entrabridge.emulator.identity.ManagedIdentityEmulator;
import dev.entrabridge.emulator.identity.MintedToken;
import dev.entrabridge.emulator.oidc.OidcIssuerEmulator;
import dev.entrabridge.emulator.sts.StsEmulator;
import dev.entrabridge.emulator.sts.StsPrincipal;
import dev.entrabridge.entra.AgentTokenService;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every emulator the federation core talks to, started on loopback and populated with one tenant:
 * a blueprint whose federated credentials trust the STS, GCP, Kubernetes and managed identity
 * issuers (plus a secret and a certificate for development), an agent identity, its agent user,
 * a user for on-behalf-of and Microsoft Graph as the resource. The bridge reaches them purely
 * through the configuration {@link #env(CredentialSourceKind)} returns.
 */
public final class FederationWorld implements AutoCloseable {

    public static final String TENANT = "7f3c1a52-0d4e-4b8f-9a61-2c5e8d9b0a11";
    public static final String OTHER_TENANT = "1a2b3c4d-0d4e-4b8f-9a61-2c5e8d9b0a99";
    public static final String BLUEPRINT = "0b5e2c1d-6a4f-4e3b-8c2d-1f9e7a6b5c40";
    public static final String AGENT = "4c2a9e7b-1d3f-4a5b-9c8e-7d6f5e4a3b21";
    public static final String AGENT_NAME = "graph-agent";
    public static final String USER = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a81";
    public static final String AGENT_USER = "8f9e0d1c-2b3a-4c5d-8e6f-9a0b1c2d3e47";
    public static final String AGENT_USER_UPN = "agent-user@contoso.onmicrosoft.com";
    public static final String SECRET = "bp-secret-value~1";
    public static final String GRAPH = "https://graph.microsoft.com";
    public static final String GRAPH_DEFAULT = GRAPH + "/.default";
    public static final String EXCHANGE = "api://AzureADTokenExchange";
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/BedrockGraphActionsRole";
    public static final String AWS_KEY_ID = "AKIDBRIDGETEST";
    public static final String AWS_SECRET = "aws-secret-for-the-bridge-test";
    public static final String K8S_SUBJECT = "system:serviceaccount:agents:graph-actions";
    public static final ManagedIdentity UAMI = ManagedIdentity.userAssigned(
            "6a7b8c9d-1e2f-4a3b-8c4d-5e6f7a8b9c01", "3b4c5d6e-7f80-4a91-8b2c-3d4e5f6a7b82", "bridge-uami");

    public final MutableClock clock;
    public final EntraEmulator entra;
    public final StsEmulator sts;
    public final GcpMetadataEmulator gcp;
    public final ManagedIdentityEmulator managedIdentity;
    public final OidcIssuerEmulator kubernetes;
    public final Tenant tenant;
    private final Path dir;
    private final Path caFile;
    private final Path certificateFile;
    public final Path tokenFile;

    public FederationWorld(Path dir, MutableClock emulatorClock) {
        this.dir = dir;
        this.clock = emulatorClock;
        this.entra = EntraEmulator.start(clock);
        this.sts = StsEmulator.start(clock, "us-east-1");
        this.gcp = GcpMetadataEmulator.start(GceInstance.example(), clock);
        this.kubernetes = OidcIssuerEmulator.start("aks-cluster", clock);
        this.managedIdentity = ManagedIdentityEmulator.start((resource, id) -> {
            Duration lifetime = Duration.ofHours(1);
            return new MintedToken(entra.mintManagedIdentityToken(TENANT, id.principalId(), id.clientId(), resource,
                    lifetime), clock.instant().plus(lifetime));
        }, clock).addUserAssigned(UAMI);
        sts.addPrincipal(StsPrincipal.of(AWS_KEY_ID, AWS_SECRET, ROLE_ARN, "123456789012", "us-east-1"));

        KeyPair keys = rsa();
        X509Certificate certificate = selfSigned(keys, "bridge-dev-certificate");
        this.tenant = entra.directory().tenant(TENANT, "contoso.onmicrosoft.com");
        tenant.blueprint(BLUEPRINT)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(1)))
                .certificate(certificate)
                .federatedCredential("aws-lambda", sts.issuer(), ROLE_ARN, EXCHANGE)
                .federatedCredential("gcp", gcp.issuer(), gcp.serviceAccountUniqueId(), EXCHANGE)
                .federatedCredential("aks", kubernetes.issuer(), K8S_SUBJECT, EXCHANGE)
                .federatedCredential("uami", entra.issuer(TENANT), UAMI.principalId(), EXCHANGE);
        tenant.agentIdentity(AGENT, BLUEPRINT);
        tenant.user(USER, "alice@contoso.onmicrosoft.com");
        tenant.agentUser(AGENT_USER, AGENT_USER_UPN, AGENT);
        tenant.resource(GRAPH).appRoles("User.Read.All", "Mail.Send").scopes("User.Read", "Mail.Read");
        tenant.grantAppRoles(AGENT, GRAPH, "User.Read.All");
        tenant.consent(AGENT, GRAPH, "User.Read");
        entra.directory().tenant(OTHER_TENANT, "fabrikam.onmicrosoft.com");

        try {
            this.caFile = Files.writeString(dir.resolve("emulator-ca.pem"), EmulatorTls.caCertificatePem());
            this.certificateFile = Files.writeString(dir.resolve("blueprint.pem"), pem(keys, certificate));
            this.tokenFile = dir.resolve("azure-identity-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeKubernetesToken(Duration.ofHours(1));
    }

    /** The configuration an operator would set for {@code kind}, pointing at the emulators. */
    public Map<String, String> env(CredentialSourceKind kind) {
        Map<String, String> env = new HashMap<>();
        env.put("ENTRA_TENANT_ID", TENANT);
        env.put("ENTRA_BLUEPRINT_CLIENT_ID", BLUEPRINT);
        env.put("ENTRA_ENDPOINT_OVERRIDE", entra.baseUrl().toString());
        env.put("BRIDGE_TRUSTED_CA_FILE", caFile.toString());
        env.put("BRIDGE_AGENTS", AGENT_NAME + "=" + AGENT + ":" + AGENT_USER);
        env.put("DownstreamApis__graph__BaseUrl", GRAPH + "/v1.0");
        env.put("DownstreamApis__graph__Scopes__0", GRAPH_DEFAULT);
        env.put("BRIDGE_CREDENTIAL_SOURCE", kind.configName());
        switch (kind) {
            case AWS_STS:
                env.put("AWS_REGION", "us-east-1");
                env.put("BRIDGE_STS_ENDPOINT", sts.endpoint().toString());
                env.put("AWS_ACCESS_KEY_ID", AWS_KEY_ID);
                env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
                break;
            case GCP_METADATA:
                env.put("GCE_METADATA_HOST", gcp.host());
                break;
            case MANAGED_IDENTITY:
                env.put("IDENTITY_ENDPOINT", managedIdentity.identityEndpoint().toString());
                env.put("IDENTITY_HEADER", managedIdentity.identityHeader());
                env.put("BRIDGE_MANAGED_IDENTITY_CLIENT_ID", UAMI.clientId());
                break;
            case TOKEN_FILE:
                env.put("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString());
                break;
            case CLIENT_SECRET:
                env.put("ENTRA_CLIENT_SECRET", SECRET);
                break;
            case CERTIFICATE:
                env.put("ENTRA_CLIENT_CERTIFICATE_PATH", certificateFile.toString());
                break;
            default:
                throw new IllegalArgumentException(kind.toString());
        }
        return env;
    }

    public BridgeConfig config(CredentialSourceKind kind) {
        return BridgeConfig.fromEnvironment(env(kind));
    }

    /** A service on the bridge's own clock; its retry waits advance that clock instead of sleeping. */
    public static AgentTokenService service(BridgeConfig config, MutableClock bridgeClock) {
        return Runtimes.onClock(config, bridgeClock).tokens();
    }

    public AgentTokenService service(CredentialSourceKind kind) {
        return service(config(kind), clock);
    }

    /** Writes a fresh projected service account token (as the kubelet does) and returns it. */
    public String writeKubernetesToken(Duration lifetime) {
        String token = kubernetes.mint(K8S_SUBJECT, EXCHANGE, lifetime);
        try {
            Path tmp = Files.writeString(dir.resolve("token.tmp"), token);
            Files.move(tmp, tokenFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return token;
    }

    public List<RecordedRequest> leg1Requests() {
        return entra.tokenRequests().stream().filter(r -> r.formParam("client_id").orElse("").equals(BLUEPRINT)).toList();
    }

    public List<RecordedRequest> agentRequests() {
        return entra.tokenRequests().stream().filter(r -> r.formParam("client_id").orElse("").equals(AGENT)).toList();
    }

    public static Map<String, Object> claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }

    @Override
    public void close() {
        entra.close();
        sts.close();
        gcp.close();
        managedIdentity.close();
        kubernetes.close();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys, String cn) {
        try {
            X500Name name = new X500Name("CN=" + cn);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair keys, X509Certificate cert) throws IOException {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        try {
            return "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    /** A random GUID, for blueprints and agents a test adds. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
