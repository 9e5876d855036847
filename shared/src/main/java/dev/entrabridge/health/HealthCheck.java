package dev.entrabridge.health;

/**
 * One check of the credential health report. Checks run in order and may read what earlier
 * checks left in the {@link CheckContext} (e.g. the minted assertion's claims).
 */
interface HealthCheck {

    /** A stable, kebab-case name used in the report and as the metric dimension. */
    String name();

    /**
     * Runs the check. Throwing is allowed: the runner turns an exception into a FAIL with its
     * message, so a broken check never hides the others.
     */
    Finding run(CheckContext context) throws Exception;
}
