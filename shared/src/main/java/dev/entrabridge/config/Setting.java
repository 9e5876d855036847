package dev.entrabridge.config;

/**
 * One configuration value and where it came from, so a validation message can name the exact
 * variable (or file field) the operator has to change.
 *
 * @param origin the environment variable name, or {@code BRIDGE_CONFIG_FILE field <path>}
 * @param value  the raw value, trimmed, never blank
 */
record Setting(String origin, String value) {

    ConfigException invalid(String problem) {
        return new ConfigException(origin, problem);
    }
}
