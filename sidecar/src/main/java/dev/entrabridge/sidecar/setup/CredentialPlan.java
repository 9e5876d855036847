package dev.entrabridge.sidecar.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What bringing the blueprint to the desired credentials takes: for each desired credential, whether it is
 * already there (under any name: Entra matches by issuer and subject), must be created, or conflicts with one
 * that exists; and whether the creations would pass Entra's limit of 20 credentials per blueprint. It never
 * plans to change or delete a credential it did not create in this run: those are the administrator's.
 */
final class CredentialPlan {

    /** Entra's limit of federated identity credentials per application. */
    static final int LIMIT = 20;

    /** What happens to one desired credential. */
    enum Action { PRESENT, CREATE, CONFLICT }

    /**
     * One step of the plan.
     *
     * @param existing the credential that already trusts the workload, or holds the name, if any
     * @param reason   for a conflict: what is wrong and what to do
     */
    record Step(Action action, DesiredCredential desired, Optional<ExistingCredential> existing, String reason) {
    }

    private final List<Step> steps;
    private final int existingCount;

    private CredentialPlan(List<Step> steps, int existingCount) {
        this.steps = List.copyOf(steps);
        this.existingCount = existingCount;
    }

    /** Compares the desired credentials (duplicates by issuer and subject dropped) with the blueprint's. */
    static CredentialPlan of(List<DesiredCredential> desired, List<ExistingCredential> existing) {
        Map<String, DesiredCredential> unique = new LinkedHashMap<>();
        desired.forEach(d -> unique.putIfAbsent(d.issuer() + "\n" + d.subject(), d));
        List<Step> steps = new ArrayList<>();
        for (DesiredCredential d : unique.values()) {
            steps.add(step(d, existing));
        }
        return new CredentialPlan(steps, existing.size());
    }

    private static Step step(DesiredCredential d, List<ExistingCredential> existing) {
        for (ExistingCredential e : existing) {
            if (d.sameWorkload(e)) {
                if (e.audiences().equals(List.of(d.audience()))) {
                    return new Step(Action.PRESENT, d, Optional.of(e), "");
                }
                return new Step(Action.CONFLICT, d, Optional.of(e), "credential '" + e.name() + "' trusts this issuer and "
                        + "subject for audience " + e.audiences() + ", but Entra accepts only [" + d.audience() + "]; "
                        + "an issuer and subject can be on one credential only: fix or delete '" + e.name() + "' first");
            }
        }
        for (ExistingCredential e : existing) {
            if (d.name().equals(e.name())) {
                return new Step(Action.CONFLICT, d, Optional.of(e), "the name '" + e.name() + "' is taken by a credential "
                        + "for issuer " + e.issuer() + " and subject " + e.subject() + ", which this setup did not ask for; "
                        + "it is left alone: delete or rename it if it is stale");
            }
        }
        return new Step(Action.CREATE, d, Optional.empty(), "");
    }

    List<Step> steps() {
        return steps;
    }

    List<DesiredCredential> toCreate() {
        return steps.stream().filter(s -> s.action() == Action.CREATE).map(Step::desired).toList();
    }

    List<Step> conflicts() {
        return steps.stream().filter(s -> s.action() == Action.CONFLICT).toList();
    }

    int existingCount() {
        return existingCount;
    }

    /** How many credentials the blueprint would have after the creations. */
    int countAfter() {
        return existingCount + toCreate().size();
    }

    boolean overLimit() {
        return countAfter() > LIMIT;
    }

    /** Nothing to create and nothing in the way: the blueprint already trusts every workload. */
    boolean satisfied() {
        return steps.stream().allMatch(s -> s.action() == Action.PRESENT);
    }
}
