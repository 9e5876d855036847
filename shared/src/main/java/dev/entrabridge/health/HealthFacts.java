package dev.entrabridge.health;

/** The facts checks hand to the checks after them. */
final class HealthFacts {

    /** The claims of the assertion the credential source minted. */
    static final CheckContext.Fact<AssertionIdentity> ASSERTION =
            CheckContext.Fact.of("assertion", AssertionIdentity.class);

    private HealthFacts() {
    }
}
