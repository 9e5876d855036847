/**
 * Who is calling. {@link dev.entrabridge.inbound.Caller} (record): {@code kind()} = {@code LOOPBACK | JWT |
 * AWS_IAM | BEDROCK_AGENT}, {@code issuer()}, {@code subject()}, {@code claims()} (validated JWT claims, for
 * {@code /Validate}), {@code principalArn()}, {@code agentId()}, {@code agentAlias()}, {@code describe()};
 * factories {@code Caller.loopback(peer)}, {@code jwt(iss, sub, claims)}, {@code awsIam(arn)},
 * {@code bedrockAgent(id)} and {@code bedrockAgent(id, aliasId)}.
 *
 * <p>{@link dev.entrabridge.inbound.TrustedIssuer}: exact {@code issuer}, accepted {@code audiences},
 * optional fixed {@code jwksUri} ({@code TrustedIssuer.discovered(iss, auds)} uses
 * {@code {iss}/.well-known/openid-configuration}, whose {@code issuer} must equal {@code iss}). HTTPS only.
 *
 * <p>{@code CallerTokenValidator.builder().trust(issuer)….httpClient(client).clock(clock).build()} then
 * {@code validate(compactJwt)} → a {@code JWT} caller. Checks: token ≤ 16 KiB, a JWS signed with
 * RS256/ES256/ES384 only ({@code none}, HS*, PS*, JWE refused), {@code iss} in the allowlist, key chosen by
 * {@code kid} <em>and</em> key type/curve fitting {@code alg} (no algorithm/key confusion), signature,
 * {@code exp} required and {@code nbf} with skew ≤ 60 s, {@code aud} ∩ expected, {@code sub} present. Keys:
 * nimbus {@code JWKSourceBuilder} over our own retriever on the JDK client (no redirects, 512 KiB cap), cached
 * 15 min, refetched on an unknown {@code kid} at most every 30 s.
 *
 * <p>{@link dev.entrabridge.inbound.CallerAuthenticationException}: {@code reason()} = {@code MISSING, TOO_LARGE,
 * MALFORMED, UNSUPPORTED_ALGORITHM, UNKNOWN_ISSUER, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID,
 * WRONG_AUDIENCE, MISSING_CLAIM} (answer 401) or {@code ISSUER_UNAVAILABLE} (discovery/JWKS unreachable: 503);
 * {@code code()} = {@code CALLER_TOKEN_<REASON>}. Messages say what is wrong and never contain the token.
 */
package dev.entrabridge.inbound;
