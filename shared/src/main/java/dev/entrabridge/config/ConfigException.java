package dev.entrabridge.config;

import java.util.Objects;

/**
 * A configuration value is missing or wrong. The message names the variable (or JSON field) and
 * says what to put there, e.g. "ENTRA_TENANT_ID is missing: set it to your tenant's GUID".
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    public ConfigException(String variable, String problem) {
        super(Objects.requireNonNull(variable, "variable") + " " + problem);
        this.variable = variable;
    }

    /** The environment variable or configuration-file field to fix. */
    public String variable() {
        return variable;
    }
}
