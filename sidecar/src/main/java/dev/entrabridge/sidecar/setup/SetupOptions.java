package dev.entrabridge.sidecar.setup;

import dev.entrabridge.config.EntraCloud;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code entra-setup} command line: the tenant and blueprint, the deployment outputs naming the workloads
 * to trust, where Graph is, the administrator's token file and whether to apply. Every mistake is an
 * {@link IllegalArgumentException} naming the flag and what to pass.
 *
 * @param desired the credentials the outputs ask for, in the order given
 */
record SetupOptions(String tenantId, String blueprintAppId, URI graphUrl, Optional<Path> tokenFile,
                    Optional<Path> trustedCaFile, boolean apply, List<DesiredCredential> desired) {

    static final String USAGE = String.join("\n",
            "usage: java -jar entra-agent-bridge-sidecar.jar entra-setup --tenant TENANT_ID --blueprint BLUEPRINT_APP_ID",
            "         [--aws-issuer URL --aws-role-arn ARN...] [--azure-principal-id OBJECT_ID... [--azure-issuer URL]]",
            "         [--k8s-issuer URL --k8s-service-account NAMESPACE:NAME...]",
            "         [--graph-token-file FILE] [--apply] [--graph-url URL] [--authority-host URL]",
            "  creates or verifies the blueprint's federated identity credentials for these workloads; a dry run",
            "  (the default) prints the Graph requests, --apply sends them. The token file holds an administrator's",
            "  Microsoft Graph token (AgentIdentityBlueprint.AddRemoveCreds.All to apply, .Read.All to read).",
            "  --aws-issuer URL            the account's outbound issuer (aws iam get-outbound-web-identity-federation-info)",
            "  --aws-role-arn ARN          an execution role to trust (repeat for each; the SAM template outputs them)",
            "  --azure-principal-id ID     a user-assigned identity's principal (object) id (the Bicep template's output)",
            "  --azure-issuer URL          the identity's issuer (the Bicep output identityIssuer; default: --tenant's v2.0 issuer)",
            "  --k8s-issuer URL            a cluster's service account issuer, exactly as its tokens' iss",
            "  --k8s-service-account NS:SA a service account of the last --k8s-issuer (subject system:serviceaccount:NS:SA)",
            "  --graph-url URL             Microsoft Graph (default BRIDGE_GRAPH_BASE_URL or https://graph.microsoft.com)",
            "  --authority-host URL        the Entra cloud (default ENTRA_AUTHORITY_HOST or https://login.microsoftonline.com)",
            "  tenant and blueprint default to ENTRA_TENANT_ID and ENTRA_BLUEPRINT_CLIENT_ID; BRIDGE_TRUSTED_CA_FILE is honoured");

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern AWS_ISSUER = Pattern.compile("https://[0-9a-f-]{36}\\.tokens\\.sts\\.global\\.api\\.aws");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SA_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    static SetupOptions parse(String[] args, Map<String, String> env) {
        String tenant = env.get("ENTRA_TENANT_ID");
        String blueprint = env.get("ENTRA_BLUEPRINT_CLIENT_ID");
        String graph = Optional.ofNullable(env.get("BRIDGE_GRAPH_BASE_URL")).orElse("https://graph.microsoft.com");
        String authority = Optional.ofNullable(env.get("ENTRA_AUTHORITY_HOST")).orElse(EntraCloud.DEFAULT_AUTHORITY_HOST.toString());
        Optional<Path> ca = Optional.ofNullable(env.get("BRIDGE_TRUSTED_CA_FILE")).filter(s -> !s.isBlank()).map(Path::of);
        Path tokenFile = null;
        boolean apply = false;
        String awsIssuer = null;
        List<String> roles = new ArrayList<>();
        List<String> principals = new ArrayList<>();
        List<String[]> serviceAccounts = new ArrayList<>();
        String k8sIssuer = null;
        String azureIssuer = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--tenant" -> tenant = value(args, ++i, flag);
                case "--blueprint" -> blueprint = value(args, ++i, flag);
                case "--graph-url" -> graph = value(args, ++i, flag);
                case "--authority-host" -> authority = value(args, ++i, flag);
                case "--graph-token-file" -> tokenFile = readable(value(args, ++i, flag), flag);
                case "--help" -> throw new IllegalArgumentException(USAGE);
                case "--apply" -> apply = true;
                case "--dry-run" -> apply = false;
                case "--aws-issuer" -> awsIssuer = value(args, ++i, flag);
                case "--aws-role-arn" -> roles.add(value(args, ++i, flag));
                case "--azure-principal-id" -> principals.add(value(args, ++i, flag));
                case "--azure-issuer" -> azureIssuer = httpsIssuer(value(args, ++i, flag), flag);
                case "--k8s-issuer" -> k8sIssuer = httpsIssuer(value(args, ++i, flag), flag);
                case "--k8s-service-account" -> {
                    String sa = value(args, ++i, flag);
                    if (k8sIssuer == null) {
                        throw new IllegalArgumentException(flag + " " + sa + ": give the cluster's --k8s-issuer before it");
                    }
                    serviceAccounts.add(new String[] {k8sIssuer, sa});
                }
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'\n" + USAGE);
            }
        }
        tenant = guid(tenant, "--tenant (or ENTRA_TENANT_ID)", "the tenant's id");
        blueprint = guid(blueprint, "--blueprint (or ENTRA_BLUEPRINT_CLIENT_ID)", "the blueprint's appId");
        URI authorityHost = httpsOrigin(authority, "--authority-host");
        String audience = EntraCloud.ofAuthorityHost(authorityHost).exchangeAudience();
        List<DesiredCredential> desired = new ArrayList<>();
        if (!roles.isEmpty()) {
            if (awsIssuer == null || !AWS_ISSUER.matcher(awsIssuer).matches()) {
                throw new IllegalArgumentException("--aws-issuer " + (awsIssuer == null ? "is missing" : "'" + awsIssuer
                        + "' is not an outbound issuer") + ": pass the IssuerIdentifier that aws iam "
                        + "get-outbound-web-identity-federation-info prints, https://<id>.tokens.sts.global.api.aws");
            }
            for (String role : roles) {
                var m = ROLE_ARN.matcher(role);
                if (!m.matches()) {
                    throw new IllegalArgumentException("--aws-role-arn '" + role + "' is not an IAM role ARN: pass the role's "
                            + "ARN (arn:aws:iam::<account>:role/<name>), which is the sub of its STS token, not an "
                            + "assumed-role session ARN");
                }
                desired.add(DesiredCredential.of("aws", m.group(3), awsIssuer, role, audience, "AWS role " + role));
            }
        } else if (awsIssuer != null) {
            throw new IllegalArgumentException("--aws-issuer needs at least one --aws-role-arn");
        }
        // The identity's own tenant issues its tokens: the blueprint's tenant unless the template says otherwise.
        String managedIdentityIssuer = azureIssuer != null ? azureIssuer
                : authorityHost + "/" + tenant.toLowerCase(Locale.ROOT) + "/v2.0";
        for (String p : principals) {
            String id = guid(p, "--azure-principal-id", "the user-assigned identity's principal (object) id, not its client id")
                    .toLowerCase(Locale.ROOT);
            desired.add(DesiredCredential.of("azure", id, managedIdentityIssuer, id, audience,
                    "Azure user-assigned identity " + id));
        }
        for (String[] sa : serviceAccounts) {
            String[] parts = sa[1].split(":", -1);
            if (parts.length != 2 || !DNS_LABEL.matcher(parts[0]).matches() || !SA_NAME.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("--k8s-service-account '" + sa[1] + "': write NAMESPACE:NAME in lower case,"
                        + " e.g. agents:entra-agent-bridge");
            }
            desired.add(DesiredCredential.of("k8s", parts[0] + "-" + parts[1], sa[0],
                    "system:serviceaccount:" + parts[0] + ":" + parts[1], audience,
                    "Kubernetes service account " + sa[1] + " of " + sa[0]));
        }
        if (desired.isEmpty()) {
            throw new IllegalArgumentException("nothing to set up: pass the deployment outputs (--aws-role-arn, "
                    + "--azure-principal-id or --k8s-service-account)\n" + USAGE);
        }
        if (apply && tokenFile == null) {
            throw new IllegalArgumentException("--apply needs --graph-token-file: an administrator's Microsoft Graph token "
                    + "(az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv)");
        }
        return new SetupOptions(tenant, blueprint, httpsOrigin(graph, "--graph-url"), Optional.ofNullable(tokenFile), ca,
                apply, List.copyOf(desired));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static String guid(String value, String flag, String what) {
        if (value == null || !GUID.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException(flag + (value == null ? " is missing" : " '" + value + "' is not a GUID")
                    + ": pass " + what);
        }
        return value.trim();
    }

    private static Path readable(String value, String flag) {
        Path p = Path.of(value);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(flag + " " + value + ": not a readable file");
        }
        return p;
    }

    private static URI httpsOrigin(String value, String flag) {
        URI uri;
        try {
            uri = URI.create(value.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
                || uri.getQuery() != null) {
            throw new IllegalArgumentException(flag + " '" + value + "': pass an https origin without a path, e.g. "
                    + "https://graph.microsoft.com");
        }
        return uri;
    }

    /** Kept exactly as given: a FIC's issuer must equal the token's {@code iss} character for character. */
    private static String httpsIssuer(String value, String flag) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
                || value.length() > 600) {
            throw new IllegalArgumentException(flag + " '" + value + "': pass the cluster's issuer exactly as its tokens' iss "
                    + "(https, e.g. kubectl get --raw /.well-known/openid-configuration | jq -r .issuer)");
        }
        return value;
    }
}
