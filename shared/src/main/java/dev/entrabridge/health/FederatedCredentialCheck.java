package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * With Graph read permission: checks that the blueprint holds a federated identity credential
 * whose issuer, subject and audience equal the assertion's, and otherwise names the mismatched
 * field with both values and the code Entra answers for it. Without the permission the comparison
 * is skipped with a warning.
 */
final class FederatedCredentialCheck implements HealthCheck {

    private final BlueprintDirectory directory;
    private final String exchangeAudience;

    FederatedCredentialCheck(BlueprintDirectory directory, String exchangeAudience) {
        this.directory = directory;
        this.exchangeAudience = exchangeAudience;
    }

    @Override
    public String name() {
        return "federated-credential";
    }

    @Override
    public Finding run(CheckContext context) {
        Finding finding = new Finding();
        Optional<AssertionIdentity> assertion = context.get(HealthFacts.ASSERTION);
        if (assertion.isEmpty()) {
            return finding.warn("Skipped: no assertion to compare.", new Diagnosis(Diagnosis.Category.CONFIGURATION,
                    "BRIDGE_HEALTH_SKIPPED", "The FIC comparison needs the assertion check to pass first.",
                    "Fix the assertion check; this one runs after it."));
        }
        List<FederatedCredential> credentials;
        try {
            credentials = directory.federatedCredentials();
        } catch (BlueprintDirectory.DirectoryAccessException e) {
            if (e.tokenFailure().isPresent() && !e.permissionMissing()) {
                // The blueprint cannot authenticate at all: Entra's own diagnosis (e.g. which FIC field
                // differs) says more than "Graph could not be read".
                return finding.evidence("graph", "not read: the blueprint could not obtain a Graph token")
                        .fail("The blueprint cannot authenticate, so its credentials cannot be compared: "
                                + e.tokenFailure().get().code() + ".", e.tokenFailure().get());
            }
            return e.permissionMissing()
                    ? finding.warn("Skipped: the blueprint may not read its own federated credentials.",
                            new Diagnosis(Diagnosis.Category.PERMISSION, "BRIDGE_GRAPH_PERMISSION_MISSING",
                                    "Microsoft Graph refused to list the blueprint's federated credentials ("
                                            + e.getMessage() + ").",
                                    "Grant the blueprint AgentIdentityBlueprint.Read.All (application) to enable"
                                            + " this comparison, or ignore this warning."))
                    : finding.fail("The blueprint's federated credentials could not be read.",
                            new Diagnosis(Diagnosis.Category.TRANSIENT, "BRIDGE_GRAPH_UNAVAILABLE",
                                    "Reading the blueprint from Microsoft Graph failed (" + e.getMessage() + ").",
                                    "Run the check again; if it persists, check Graph reachability."));
        }
        finding.evidence("credentials", credentials.size());
        var outcome = FederatedCredentialMatch.compare(assertion.get(), exchangeAudience, credentials);
        if (outcome.isMatch()) {
            return finding.evidence("matched", outcome.matched().get().name())
                    .pass("Federated credential '" + outcome.matched().get().name() + "' matches the assertion exactly.");
        }
        if (outcome.closest().isEmpty()) {
            AssertionIdentity a = assertion.get();
            return finding.fail("The blueprint has no federated identity credential.",
                    new Diagnosis(Diagnosis.Category.CONFIGURATION, "AADSTS70021",
                            "The blueprint has no federated identity credential at all.",
                            "Add one with issuer '" + a.issuer() + "', subject '" + a.subject() + "' and audience '"
                                    + exchangeAudience + "'."));
        }
        finding.evidence("closest", outcome.closest().get().name());
        StringBuilder cause = new StringBuilder("No federated credential matches; the closest, '")
                .append(outcome.closest().get().name()).append("', differs in ");
        for (int i = 0; i < outcome.mismatches().size(); i++) {
            FederatedCredentialMatch.Mismatch m = outcome.mismatches().get(i);
            finding.evidence(m.field() + ".credential", m.expected()).evidence(m.field() + ".assertion", m.actual());
            if (!m.hint().isEmpty()) {
                finding.evidence(m.field() + ".hint", m.hint());
            }
            cause.append(i == 0 ? "" : "; ").append(m.field()).append(": credential '").append(m.expected())
                    .append("' vs assertion '").append(m.actual()).append('\'')
                    .append(m.hint().isEmpty() ? "" : " (" + m.hint() + ")");
        }
        String fields = String.join(", ", outcome.mismatches().stream().map(FederatedCredentialMatch.Mismatch::field).toList());
        return finding.fail("Federated credential mismatch in " + fields + ".",
                new Diagnosis(Diagnosis.Category.CONFIGURATION, entraCode(outcome.mismatches()), cause.append('.').toString(),
                        "Edit the federated credential so its " + fields + " equal the assertion's values exactly"
                                + " (case-sensitive, no trailing slash)."));
    }

    /**
     * The code Entra answers for the first field it compares that differs, in its order: issuer (700211),
     * audience (700212), subject (7002138 when only the letter case differs, else 700213).
     */
    static String entraCode(List<FederatedCredentialMatch.Mismatch> mismatches) {
        Optional<FederatedCredentialMatch.Mismatch> subject = mismatches.stream()
                .filter(m -> m.field().equals("subject")).findFirst();
        if (mismatches.stream().anyMatch(m -> m.field().equals("issuer"))) {
            return "AADSTS700211";
        }
        if (mismatches.stream().anyMatch(m -> m.field().equals("audience"))) {
            return "AADSTS700212";
        }
        if (subject.isPresent()) {
            return subject.get().expected().equalsIgnoreCase(subject.get().actual()) ? "AADSTS7002138" : "AADSTS700213";
        }
        return "AADSTS70021";
    }
}
