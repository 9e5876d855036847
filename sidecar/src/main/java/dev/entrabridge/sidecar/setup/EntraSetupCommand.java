package dev.entrabridge.sidecar.setup;

import dev.entrabridge.config.HttpSettings;
import dev.entrabridge.credential.AssertionClaims;
import dev.entrabridge.credential.ClientAssertion;
import dev.entrabridge.credential.TokenFileAssertionSource;
import dev.entrabridge.http.OutboundHttpClients;
import dev.entrabridge.token.AgentTokenException;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar … entra-setup …}: creates or verifies the agent identity blueprint's federated identity
 * credentials for the workloads a deployment outputs (AWS execution roles, an Azure user-assigned identity,
 * Kubernetes service accounts), through Microsoft Graph with an administrator's token. A dry run (the default)
 * reads the blueprint and prints the exact requests an apply would send; {@code --apply} sends them and reads
 * the result back. Idempotent: a credential that already trusts a workload, under any name, is left as it is.
 * It only ever creates credentials it was asked for: it changes, deletes and grants nothing. Exits 0 when the
 * blueprint trusts (or, in a dry run, would trust) every workload, 1 when it refuses (a conflict, Entra's limit
 * of 20) or Graph fails, 2 for a usage error.
 */
public final class EntraSetupCommand {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    private static final Set<String> GRAPH_AUDIENCES = Set.of("https://graph.microsoft.com", "https://graph.microsoft.com/",
            "00000003-0000-0000-c000-000000000000");

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    private EntraSetupCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return run(args, environment, out, err, Clock.systemUTC());
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err, Clock clock) {
        SetupOptions options;
        try {
            options = SetupOptions.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        EntraSetupCommand command = new EntraSetupCommand(out, err, clock);
        Optional<String> token;
        try {
            token = options.tokenFile().map(command::graphToken);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        HttpClient http = OutboundHttpClients.create(new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Optional.empty(), options.trustedCaFile()));
        BlueprintFederation graph = new BlueprintFederation(http, options.graphUrl(),
                () -> token.orElseThrow(() -> new IllegalStateException("no Graph token")));
        try {
            return command.setUp(options, graph, token.isPresent());
        } catch (GraphCallFailed e) {
            err.println("entra-setup: " + e.getMessage());
            return REFUSED;
        } finally {
            out.flush();
        }
    }

    private int setUp(SetupOptions options, BlueprintFederation graph, boolean canRead) throws GraphCallFailed {
        String appId = options.blueprintAppId();
        out.println("entra-setup: blueprint " + appId + " in tenant " + options.tenantId() + " at " + options.graphUrl()
                + (options.apply() ? "" : " (dry run)"));
        String objectId;
        CredentialPlan plan;
        if (canRead) {
            objectId = graph.blueprintObjectId(appId);
            plan = CredentialPlan.of(options.desired(), graph.credentials(objectId));
            out.println("read: " + graph.findBlueprint(appId).method() + " " + graph.findBlueprint(appId).uri());
            out.println("read: " + graph.listCredentials(objectId).method() + " " + graph.listCredentials(objectId).uri());
            out.println("the blueprint (object " + objectId + ") has " + plan.existingCount() + " of "
                    + CredentialPlan.LIMIT + " federated identity credentials");
        } else {
            objectId = "{blueprint object id}";
            plan = CredentialPlan.of(options.desired(), List.of());
            out.println("not read (no --graph-token-file): every credential is shown as to be created; pass a token to see"
                    + " what the blueprint already has");
            out.println("would read: " + graph.findBlueprint(appId).uri());
            out.println("would read: " + graph.listCredentials(objectId).uri());
        }
        for (CredentialPlan.Step s : plan.steps()) {
            DesiredCredential d = s.desired();
            String label = switch (s.action()) {
                case PRESENT -> "present  " + s.existing().map(ExistingCredential::name).orElse(d.name());
                case CREATE -> "create   " + d.name();
                case CONFLICT -> "conflict " + d.name();
            };
            out.println("  " + label + "  " + d.origin() + " (issuer " + d.issuer() + ", subject " + d.subject() + ")");
        }
        if (!plan.conflicts().isEmpty()) {
            plan.conflicts().forEach(s -> err.println("entra-setup: " + s.desired().origin() + ": " + s.reason()));
            err.println("entra-setup: nothing was sent; resolve the conflicts above and run again");
            return REFUSED;
        }
        if (plan.overLimit()) {
            err.println("entra-setup: refused: the blueprint has " + plan.existingCount() + " federated identity credentials"
                    + " and these " + plan.toCreate().size() + " would make " + plan.countAfter() + ", over Entra's limit of "
                    + CredentialPlan.LIMIT + " per blueprint. Nothing was sent. Remove credentials no deployment uses, or"
                    + " trust fewer workloads (each AWS role, identity and service account takes one)");
            return REFUSED;
        }
        List<GraphRequest> creations = plan.toCreate().stream().map(d -> graph.createCredential(objectId, d)).toList();
        if (creations.isEmpty()) {
            out.println("nothing to do: the blueprint already trusts every workload");
            return OK;
        }
        if (!options.apply()) {
            out.println("dry run: " + creations.size() + " request(s) would be sent; add --apply to send them");
            creations.forEach(r -> out.print("\n" + r.render()));
            return OK;
        }
        for (GraphRequest r : creations) {
            graph.create(r);
            out.println("created: " + r.method() + " " + r.uri());
        }
        CredentialPlan after = CredentialPlan.of(options.desired(), graph.credentials(objectId));
        if (!after.satisfied()) {
            err.println("entra-setup: created, but reading the blueprint back does not show every credential: run again");
            return REFUSED;
        }
        out.println("verified: the blueprint trusts all " + after.steps().size() + " workload(s); Entra may answer "
                + "AADSTS70021 for a few minutes while a new credential propagates");
        return OK;
    }

    /** The administrator's token, read once through the core's token-file source; its value is never printed. */
    private String graphToken(Path file) {
        ClientAssertion token;
        try {
            token = new TokenFileAssertionSource(file, clock).assertion();
        } catch (AgentTokenException e) {
            throw new IllegalArgumentException("--graph-token-file: " + e.diagnosis().cause() + " (" + e.diagnosis().code()
                    + ")");
        }
        Optional<AssertionClaims> claims = token.claims();
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("--graph-token-file " + file + " does not hold a JWT: write the access token "
                    + "alone into it (az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv)");
        }
        if (claims.get().audience().stream().noneMatch(GRAPH_AUDIENCES::contains)) {
            throw new IllegalArgumentException("--graph-token-file " + file + " holds a token for " + claims.get().audience()
                    + ", not Microsoft Graph: get one with --resource https://graph.microsoft.com");
        }
        return token.value();
    }
}
