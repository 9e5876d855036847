/**
 * An emulator of AWS STS {@code GetWebIdentityToken} (IAM outbound identity federation).
 *
 * <pre>{@code
 * StsEmulator sts = StsEmulator.start(Clock.systemUTC());           // region us-east-1
 * sts.addPrincipal(StsPrincipal.of("AKID…", "secret", "arn:aws:iam::123456789012:role/Exec",
 *         "123456789012", "us-east-1")
 *     .withSessionToken("token", sessionExpiry)                       // Lambda execution-role session
 *     .withLambdaFunction("arn:aws:lambda:us-east-1:123456789012:function:f")
 *     .withPolicy(OutboundTokenPolicy.restrictedTo(Set.of("api://AzureADTokenExchange"), 300, "RS256")));
 * StsClient client = StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_1)…;
 * }</pre>
 *
 * <ul>
 * <li>Query protocol {@code POST /} on plain HTTP ({@code endpoint()}); the account issuer on HTTPS at
 *     {@code issuer()} = {@code https://127.0.0.1:<port>/<uuid>} with
 *     {@code /.well-known/openid-configuration} and {@code /.well-known/jwks.json}.</li>
 * <li>SigV4 is recomputed from the configured secret (canonical request, string to sign, HMAC chain;
 *     checked against AWS's worked example): no {@code Authorization} →
 *     {@code MissingAuthenticationToken}, unknown key or wrong/missing session token →
 *     {@code InvalidClientTokenId} 403, wrong signature, scope (region other than the emulator's,
 *     service other than {@code sts}) or a date more than 15 min off → {@code SignatureDoesNotMatch}
 *     403.</li>
 * <li>Parameters: {@code Audience.member.N} 1–10 values ≤1000 chars, {@code SigningAlgorithm}
 *     RS256|ES384 (required), {@code DurationSeconds} 60–3600 (default 300), {@code Tags.member.N} ≤50,
 *     {@code SubjectMode} AwsIdentity (default)|OriginIdentity, {@code Scope} only with OriginIdentity,
 *     OriginIdentity only for a session with a trusted identity propagation context
 *     ({@code StsPrincipal.withOriginIdentity(new OriginIdentity(subject, "user", issuer))})
 *     → else {@code ValidationError} 400, as the STS API model says. Unknown {@code Action} →
 *     {@code InvalidAction} 400.</li>
 * <li>{@code outboundFederationEnabled(false)} →
 *     {@code OutboundWebIdentityFederationDisabledException} 403; the principal's
 *     {@code OutboundTokenPolicy} (action allowed, audiences, max duration, algorithm) →
 *     {@code AccessDenied} 403 (Tags also need {@code taggingAllowed}, i.e.
 *     {@code sts:TagGetWebIdentityToken}); a token outliving the session →
 *     {@code SessionDurationEscalationException} 403; claims over {@code maxPayloadBytes} (default
 *     4096, an emulator choice: AWS does not publish the limit) →
 *     {@code JWTPayloadSizeExceededException} 400. Bodies match the vendor samples in the project's
 *     shared {@code fixtures/aws}.</li>
 * <li>Tokens: header {@code {"kid":"RSA_n","typ":"JWT","alg":"RS256"}} ({@code EC_n} P-384 for ES384);
 *     {@code iss}, {@code aud} (string when one), {@code sub} = role ARN (with OriginIdentity: the
 *     origin subject; {@code principal_id} stays the role), {@code scope} when given, {@code iat},
 *     {@code exp}, {@code jti}; under {@code "https://sts.amazonaws.com/"}: {@code aws_account},
 *     {@code source_region}, {@code principal_id}, {@code principal_tags},
 *     {@code lambda_source_function_arn}, {@code request_tags}, {@code original_session_exp}.
 *     {@code rotateKey()} signs with new keys and keeps publishing the previous ones.</li>
 * </ul>
 */
package dev.entrabridge.emulator.sts;
