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
 * {@code exp} required and {@code nbf} with skew ≤ 60 s, {@code aud} ∩ expected, {@code sub} present. Keys: the
 * issuer's JWKS fetched over our own retriever on the JDK client (no redirects, 512 KiB cap), cached 15 min; a
 * token naming a {@code kid} the set lacks makes it refetch once (key rotation) only when the set is older than
 * 30 s, otherwise it is refused as {@code UNKNOWN_KEY} (401): a burst of forged kids costs at most one fetch and is
 * never reported as an outage. A key present under the {@code kid} but of the wrong type for {@code alg} (ES256 with
 * an RSA kid) is {@code UNKNOWN_KEY} too, without refetching. {@code jku}, {@code x5u} and embedded {@code jwk}
 * headers are never followed. Only a discovery or JWKS fetch that fails is {@code ISSUER_UNAVAILABLE}: logged
 * ({@code event=caller_issuer_unavailable}), not retried for 30 s, and carrying {@code retryAfter()} for the
 * 503's {@code Retry-After}.
 *
 * <p>{@link dev.entrabridge.inbound.CallerAuthenticationException}: {@code reason()} = {@code MISSING, TOO_LARGE,
 * MALFORMED, UNSUPPORTED_ALGORITHM, UNKNOWN_ISSUER, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID,
 * WRONG_AUDIENCE, MISSING_CLAIM} (answer 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}) or
 * {@code ISSUER_UNAVAILABLE} (discovery/JWKS fetch failed: 503 with {@code Retry-After});
 * {@code code()} = {@code CALLER_TOKEN_<REASON>}. Messages say what is wrong and never contain the token.
 */
package dev.entrabridge.inbound;
