package dev.entrabridge.endpoint.contract;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a deployment under contract test was configured with, so one suite can run against any of
 * them: names, ids and fresh tokens of the tenant behind it.
 *
 * @param api                the configured API name (e.g. {@code graph})
 * @param apiUsersUrl        the API's absolute users URL, called directly by a Microsoft-sidecar client
 * @param allowedPath        a relative path in the API's allowlist that lists users (e.g. {@code users}, below the API's base URL)
 * @param userPath           a relative path in the allowlist that the user's delegated token may read (e.g. {@code /me})
 * @param forbiddenPath      a well-formed relative path outside the allowlist
 * @param agent              an agent name the test caller's policy allows for {@link #api} in every flow
 * @param agentAppId         that agent's identity appId
 * @param deniedAgent        a configured agent the policy does not allow the test caller
 * @param disabledAgent      a configured, allowed agent whose identity the tenant has disabled
 * @param agentUserId        the object id of {@link #agent}'s agent user
 * @param agentUsername      that agent user's UPN
 * @param blueprintAppId     the blueprint's appId (the audience of user tokens)
 * @param userToken          mints a current user token whose audience is the blueprint
 * @param callerJwt          mints a caller OIDC JWT from a trusted issuer that the policy allows to use {@link #agent}
 * @param untrustedCallerJwt mints a well-formed JWT from an issuer the deployment does not trust
 */
public record ContractFixture(String api, URI apiUsersUrl, String allowedPath, String userPath, String forbiddenPath, String agent,
                              String agentAppId, String deniedAgent, String disabledAgent, String agentUserId,
                              String agentUsername, String blueprintAppId, Supplier<String> userToken,
                              Supplier<String> callerJwt, Supplier<String> untrustedCallerJwt) {

    public ContractFixture {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(userToken, "userToken");
        Objects.requireNonNull(callerJwt, "callerJwt");
        Objects.requireNonNull(untrustedCallerJwt, "untrustedCallerJwt");
    }
}
