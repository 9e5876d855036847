package dev.entrabridge.health;

import dev.entrabridge.token.Diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Judges credential end dates: warn inside the warning window (default 30 days), fail inside the
 * failure window (default 7 days) or once expired.
 *
 * @param warnWithin warn when a credential ends sooner than this
 * @param failWithin fail when a credential ends sooner than this
 */
record ExpiryPolicy(Duration warnWithin, Duration failWithin) {

    public static final ExpiryPolicy DEFAULT = new ExpiryPolicy(Duration.ofDays(30), Duration.ofDays(7));

    public ExpiryPolicy {
        if (failWithin.compareTo(warnWithin) > 0) {
            throw new IllegalArgumentException("the failure window (" + failWithin.toDays()
                    + " days) must not exceed the warning window (" + warnWithin.toDays() + " days)");
        }
    }

    /** Adds evidence for every credential and raises the finding for the soonest-ending one. */
    public void judge(List<CredentialExpiry> credentials, Instant now, Finding finding) {
        for (CredentialExpiry c : credentials) {
            finding.evidence(c.kind() + ":" + c.displayName(), c.endsAt().toString());
        }
        credentials.stream().min(Comparator.comparing(CredentialExpiry::endsAt)).ifPresent(c -> {
            Duration left = Duration.between(now, c.endsAt());
            String what = "The " + c.kind() + " credential '" + c.displayName() + "'";
            if (left.isNegative() || left.isZero()) {
                finding.fail(what + " expired at " + c.endsAt() + ".", diagnosis(what + " expired at " + c.endsAt()
                        + "; every exchange that uses it fails."));
            } else if (left.compareTo(failWithin) < 0) {
                finding.fail(what + " expires in " + days(left) + ".", diagnosis(what + " expires in "
                        + days(left) + " (at " + c.endsAt() + ")."));
            } else if (left.compareTo(warnWithin) < 0) {
                finding.warn(what + " expires in " + days(left) + ".", diagnosis(what + " expires in "
                        + days(left) + " (at " + c.endsAt() + ")."));
            } else {
                finding.pass("The soonest-ending credential ends in " + days(left) + ".");
            }
        });
    }

    private static Diagnosis diagnosis(String cause) {
        return new Diagnosis(Diagnosis.Category.CREDENTIAL, "BRIDGE_CREDENTIAL_EXPIRY", cause,
                "Add a new credential (or better, a federated identity credential) to the blueprint and"
                        + " roll the configuration before the old one ends; then delete the old one.");
    }

    private static String days(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + " day" + (days == 1 ? "" : "s") : d.toHours() + " hours";
    }
}
