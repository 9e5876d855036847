package dev.entrabridge.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Amazon Bedrock agent (and optionally one of its aliases) that acts as a configured agent when
 * it invokes its action group. Without an alias every alias of the agent is meant.
 *
 * @param agentId the Bedrock agent's id (10 letters and digits, e.g. {@code AGENT12345})
 * @param aliasId one alias id (10 characters, e.g. {@code TSTALIASID}), or empty for every alias
 */
public record BedrockAgent(String agentId, Optional<String> aliasId) {

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{10}");

    public BedrockAgent {
        Objects.requireNonNull(agentId, "agentId");
        aliasId = aliasId == null ? Optional.empty() : aliasId;
        if (!ID.matcher(agentId).matches()) {
            throw new IllegalArgumentException("'" + agentId + "' is not a Bedrock agent id (10 letters and digits)");
        }
        if (aliasId.isPresent() && !ID.matcher(aliasId.get()).matches()) {
            throw new IllegalArgumentException("'" + aliasId.get() + "' is not a Bedrock agent alias id (10 letters and digits)");
        }
    }

    /** Every alias of {@code agentId}. */
    public static BedrockAgent anyAlias(String agentId) {
        return new BedrockAgent(agentId, Optional.empty());
    }

    /** {@code AGENT12345} or {@code AGENT12345:TSTALIASID}, as written in {@code BRIDGE_BEDROCK_AGENTS}. */
    static BedrockAgent parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? anyAlias(text.trim())
                : new BedrockAgent(text.substring(0, colon).trim(), Optional.of(text.substring(colon + 1).trim()));
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return agentId + aliasId.map(a -> ":" + a).orElse("");
    }
}
