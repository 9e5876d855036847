package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reports password, key and local certificate credentials that end within the warning window
 * (default warn 30 days, fail 7) or have already ended.
 */
final class CredentialExpiryCheck implements HealthCheck {

    private final BlueprintDirectory directory;
    private final Supplier<List<CredentialExpiry>> localCredentials;
    private final ExpiryPolicy policy;

    /**
     * @param directory        the blueprint's credentials through Graph, or {@code null} when Graph is not used
     * @param localCredentials credentials this deployment holds itself (e.g. its certificate)
     */
    CredentialExpiryCheck(BlueprintDirectory directory, Supplier<List<CredentialExpiry>> localCredentials,
                                 ExpiryPolicy policy) {
        this.directory = directory;
        this.localCredentials = localCredentials;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "credential-expiry";
    }

    @Override
    public Finding run(CheckContext context) {
        Finding finding = new Finding();
        List<CredentialExpiry> all = new ArrayList<>(localCredentials.get());
        if (directory != null) {
            try {
                all.addAll(directory.credentials());
            } catch (BlueprintDirectory.DirectoryAccessException e) {
                finding.warn("The blueprint's own credentials could not be read; only local ones were checked.",
                        new Diagnosis(e.permissionMissing() ? Diagnosis.Category.PERMISSION : Diagnosis.Category.TRANSIENT,
                                e.permissionMissing() ? "BRIDGE_GRAPH_PERMISSION_MISSING" : "BRIDGE_GRAPH_UNAVAILABLE",
                                "Reading the blueprint's credentials from Microsoft Graph failed (" + e.getMessage() + ").",
                                e.permissionMissing()
                                        ? "Grant the blueprint Application.Read.All or AgentIdentityBlueprint.Read.All to"
                                                + " enable this part of the check."
                                        : "Run the check again later."));
            }
        }
        if (all.isEmpty()) {
            return finding.status() == CheckStatus.PASS
                    ? finding.pass("No secret, key or certificate to expire: federation only.")
                    : finding;
        }
        CheckStatus before = finding.status();
        Finding judged = new Finding();
        policy.judge(all, context.clock().instant(), judged);
        CheckResult r = judged.toResult(name(), java.time.Duration.ZERO);
        r.evidence().forEach(finding::evidence);
        if (r.status() == CheckStatus.PASS) {
            return before == CheckStatus.PASS ? finding.pass(r.summary()) : finding;
        }
        return r.status() == CheckStatus.FAIL ? finding.fail(r.summary(), r.diagnosis().orElseThrow())
                : finding.warn(r.summary(), r.diagnosis().orElseThrow());
    }
}
