package dev.entrabridge.policy;

/** The caller policy document is invalid; the message names the offending field, e.g. {@code rules[1].flows[0]}. */
public class PolicyConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyConfigException(String message) {
        super(message);
    }

    public PolicyConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
