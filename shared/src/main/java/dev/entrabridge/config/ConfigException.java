package dev.entrabridge.config;

import java.util.Objects;

/**
 * A configuration value is missing or wrong. The message names the variable (or JSON field) and
 * says what to put there, e.g. "ENTRA_TENANT_ID is missing: set it to your tenant's GUID".
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String variable;
    private final String problem;

    public ConfigException(String variable, String problem) {
        this(variable, problem, null);
    }

    public ConfigException(String variable, String problem, Throwable cause) {
        super(Objects.requireNonNull(variable, "variable") + " " + problem, cause);
        this.variable = variable;
        this.problem = problem;
    }

    /** The environment variable or configuration-file field to fix. */
    public String variable() {
        return variable;
    }

    /** What is wrong with it and what to put there (the message without the variable). */
    public String problem() {
        return problem;
    }
}
