package dev.entrabridge.token;

/** The Entra Agent ID flow that produced (or should produce) an agent token. */
public enum Flow {
    /** App-only token for the agent identity itself: T1 ({@code fmi_path}) then T2 client credentials. */
    AUTONOMOUS,
    /** The agent acting for a signed-in user: T2 with {@code jwt-bearer} on-behalf-of the user's token. */
    ON_BEHALF_OF,
    /** The agent's own user account: T1, T2 for {@code api://AzureADTokenExchange}, then {@code user_fic}. */
    AGENT_USER
}
