package dev.entrabridge.policy;

import dev.entrabridge.config.ConfigException;

/**
 * The caller policy document ({@code BRIDGE_POLICY}, or the configuration file's {@code policy}) is
 * invalid; the message names the variable (or the policy file) and the offending field, e.g.
 * {@code BRIDGE_POLICY rules[1].flows[0]: …}.
 */
public class PolicyConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    static final String VARIABLE = "BRIDGE_POLICY";

    public PolicyConfigException(String message) {
        super(VARIABLE, message);
    }

    public PolicyConfigException(String message, Throwable cause) {
        super(VARIABLE, message, cause);
    }

    /** A problem of the policy kept in {@code source} (a policy file) rather than in {@code BRIDGE_POLICY}. */
    PolicyConfigException(String source, String problem, Throwable cause) {
        super(source, problem, cause);
    }
}
