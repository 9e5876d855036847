/**
 * The shared vocabulary every other package speaks: {@link dev.entrabridge.token.AgentTokenRequest}
 * (autonomous, on-behalf-of, agent user), {@link dev.entrabridge.token.AgentToken} (never printed),
 * {@link dev.entrabridge.token.Flow}, {@link dev.entrabridge.token.AgentUser},
 * {@link dev.entrabridge.token.AgentTokenProvider}, and every failure as an
 * {@link dev.entrabridge.token.AgentTokenException} carrying a {@link dev.entrabridge.token.Diagnosis}:
 * category, code ({@code AADSTS70021}, {@code OutboundWebIdentityFederationDisabledException},
 * {@code BRIDGE_UNKNOWN_AGENT} …), one-sentence cause and remedy, Entra's correlation id, {@code Retry-After}.
 * {@link dev.entrabridge.token.Diagnosis#httpStatus()} is the one table from category to HTTP status.
 */
package dev.entrabridge.token;
