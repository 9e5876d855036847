package dev.entrabridge.entra;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of running leg 1 and leg 2 for one agent identity with every cache bypassed: for the
 * credential health check. Holds no token.
 *
 * @param agentName     configured agent name
 * @param agentIdentity agent identity appId
 * @param leg1Latency   time of the blueprint's T1 request (assertion minting included)
 * @param leg2Latency   time of the agent identity's resource token request
 * @param expiresOn     expiry of the resource token obtained
 */
public record LegProbe(String agentName, String agentIdentity, Duration leg1Latency, Duration leg2Latency,
                       Instant expiresOn) {
}
