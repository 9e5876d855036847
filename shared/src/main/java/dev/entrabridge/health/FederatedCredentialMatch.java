package dev.entrabridge.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares an assertion with the blueprint's federated identity credentials exactly as Entra does
 * (case-sensitive, no normalisation) and, when nothing matches, names the closest credential and
 * every field that differs, with a hint for the classic near misses (case, trailing slash,
 * whitespace).
 */
final class FederatedCredentialMatch {

    /** One field of the closest credential that differs from the assertion. */
    public record Mismatch(String field, String expected, String actual, String hint) { }

    /**
     * @param matched    the credential that matches exactly, if any
     * @param closest    otherwise the credential with the most equal fields, if any exist
     * @param mismatches the fields in which {@code closest} differs
     */
    public record Outcome(Optional<FederatedCredential> matched, Optional<FederatedCredential> closest,
                          List<Mismatch> mismatches) {

        public boolean isMatch() {
            return matched.isPresent();
        }
    }

    private FederatedCredentialMatch() {
    }

    /**
     * @param assertion the minted assertion's claims
     * @param expectedAudience the exchange audience for this cloud ({@code api://AzureADTokenExchange})
     * @param credentials the blueprint's credentials
     */
    public static Outcome compare(AssertionIdentity assertion, String expectedAudience,
                                  List<FederatedCredential> credentials) {
        for (FederatedCredential c : credentials) {
            if (mismatches(assertion, expectedAudience, c).isEmpty()) {
                return new Outcome(Optional.of(c), Optional.empty(), List.of());
            }
        }
        Optional<FederatedCredential> closest = credentials.stream()
                .min(Comparator.comparingInt((FederatedCredential c) -> score(assertion, expectedAudience, c)));
        return new Outcome(Optional.empty(), closest,
                closest.map(c -> mismatches(assertion, expectedAudience, c)).orElse(List.of()));
    }

    /** Lower is closer: an issuer mismatch weighs most, since the issuer selects the credential. */
    private static int score(AssertionIdentity a, String expectedAudience, FederatedCredential c) {
        int score = 0;
        for (Mismatch m : mismatches(a, expectedAudience, c)) {
            boolean near = !m.hint().isEmpty();
            score += switch (m.field()) {
                case "issuer" -> near ? 4 : 8;
                case "subject" -> near ? 2 : 3;
                default -> 1;
            };
        }
        return score;
    }

    private static List<Mismatch> mismatches(AssertionIdentity a, String expectedAudience, FederatedCredential c) {
        List<Mismatch> out = new ArrayList<>();
        if (!c.issuer().equals(a.issuer())) {
            out.add(new Mismatch("issuer", c.issuer(), a.issuer(), hint(c.issuer(), a.issuer())));
        }
        if (!c.subject().equals(a.subject())) {
            out.add(new Mismatch("subject", c.subject(), a.subject(), hint(c.subject(), a.subject())));
        }
        if (c.audiences().size() != 1 || !c.audiences().get(0).equals(expectedAudience)
                || !a.audiences().contains(expectedAudience)) {
            String ficAudience = String.join(",", c.audiences());
            String assertionAudience = String.join(",", a.audiences());
            out.add(new Mismatch("audience", ficAudience,
                    assertionAudience, c.audiences().size() > 1
                            ? "a federated credential must have exactly one audience, " + expectedAudience
                            : hint(ficAudience, assertionAudience)));
        }
        return out;
    }

    /** A short explanation when two values differ only in a way people do not see. */
    static String hint(String credentialValue, String assertionValue) {
        if (credentialValue.strip().equals(assertionValue.strip())) {
            return "differs only in leading or trailing whitespace";
        }
        if (stripSlash(credentialValue).equals(stripSlash(assertionValue))) {
            return credentialValue.endsWith("/")
                    ? "the credential has a trailing slash the assertion does not"
                    : "the assertion has a trailing slash the credential does not";
        }
        if (credentialValue.toLowerCase(Locale.ROOT).equals(assertionValue.toLowerCase(Locale.ROOT))) {
            return "differs only in letter case (matching is case-sensitive)";
        }
        return "";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
