package dev.entrabridge.sidecar.setup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialPlanTest {

    private static final String ISSUER = "https://5e7a9c1d-2b3f-4a6e-8d0c-1f2e3d4c5b6a.tokens.sts.global.api.aws";
    private static final String AUDIENCE = "api://AzureADTokenExchange";

    private static DesiredCredential role(String name) {
        return DesiredCredential.of("aws", name, ISSUER, "arn:aws:iam::123456789012:role/" + name, AUDIENCE, "AWS role " + name);
    }

    private static ExistingCredential existing(String name, String subject, String audience) {
        return new ExistingCredential("id-" + name, name, ISSUER, subject, List.of(audience));
    }

    @Test
    void findsAWorkloadThatIsTrustedUnderAnyNameAndCreatesOnlyTheOthers() {
        CredentialPlan plan = CredentialPlan.of(List.of(role("a"), role("b"), role("a")),
                List.of(existing("by-hand", "arn:aws:iam::123456789012:role/a", AUDIENCE)));

        assertThat(plan.steps()).extracting(CredentialPlan.Step::action)
                .containsExactly(CredentialPlan.Action.PRESENT, CredentialPlan.Action.CREATE);
        assertThat(plan.toCreate()).extracting(DesiredCredential::subject).containsExactly("arn:aws:iam::123456789012:role/b");
        assertThat(plan.countAfter()).isEqualTo(2);
    }

    @Test
    void leavesAConflictingCredentialAloneAndSaysWhy() {
        DesiredCredential a = role("a");
        CredentialPlan wrongAudience = CredentialPlan.of(List.of(a),
                List.of(existing("old", a.subject(), "api://other")));
        CredentialPlan nameTaken = CredentialPlan.of(List.of(a),
                List.of(existing(a.name(), "arn:aws:iam::123456789012:role/else", AUDIENCE)));

        assertThat(wrongAudience.conflicts()).singleElement().extracting(CredentialPlan.Step::reason).asString()
                .contains("'old' trusts this issuer and subject for audience [api://other]", "fix or delete 'old' first");
        assertThat(nameTaken.conflicts()).singleElement().extracting(CredentialPlan.Step::reason).asString()
                .contains("is taken by a credential for issuer " + ISSUER, "it is left alone");
        assertThat(wrongAudience.toCreate()).isEmpty();
    }

    @Test
    void countsTowardsEntrasLimitOfTwenty() {
        List<ExistingCredential> nineteen = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            nineteen.add(existing("e" + i, "arn:aws:iam::123456789012:role/e" + i, AUDIENCE));
        }

        assertThat(CredentialPlan.of(List.of(role("a")), nineteen).overLimit()).isFalse();
        assertThat(CredentialPlan.of(List.of(role("a"), role("b")), nineteen).overLimit()).isTrue();
        assertThat(CredentialPlan.of(List.of(role("e0")), nineteen).satisfied()).isTrue();
    }
}
