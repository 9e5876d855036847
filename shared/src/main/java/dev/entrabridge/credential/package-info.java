/**
 * What proves the agent identity blueprint to Entra in leg 1: the sealed
 * {@link dev.entrabridge.credential.BlueprintCredential}, built once per process by
 * {@link dev.entrabridge.credential.BlueprintCredentials#create} on the runtime's one HTTP client.
 *
 * <ul>
 *   <li>Federated sources ({@link dev.entrabridge.credential.ClientAssertionSource}):
 *       {@code AwsWebIdentityTokenSource} (STS {@code GetWebIdentityToken}, RS256, audience
 *       {@code api://AzureADTokenExchange} or the sovereign cloud's, one {@code StsClient} on the SDK's
 *       URL-connection client), {@code TokenFileAssertionSource} (Kubernetes/AKS projected token, re-read
 *       when it changes or nears expiry), {@code GcpMetadataIdentitySource} (the service account's ID token,
 *       {@code format=full}), {@code ManagedIdentityAssertionSource} (MSAL4J's {@code ManagedIdentityApplication}
 *       for a user-assigned identity; MSAL reads {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER} from the
 *       process environment).</li>
 *   <li>Development credentials: {@code ClientSecretCredential}, {@code ClientCertificateCredential} (PEM or
 *       PKCS#12, loaded by {@code CertificateFiles}), logged as development only.</li>
 * </ul>
 *
 * <p>Each credential carries its own behaviour, so nothing asks which kind it holds: its MSAL credential
 * ({@code msalCredential()}: a callback for assertion sources, asked each time leg 1 reaches Entra, never an
 * assertion captured at start-up), {@code invalidate()} (after AADSTS700024), {@code freshAssertion()} (for the
 * health check) and {@code localExpiry()} (a certificate's end). An assertion
 * ({@link dev.entrabridge.credential.ClientAssertion}, never printed) is reused only while more than half of its
 * lifetime and at least a minute remain ({@code AssertionReuse}); its
 * {@link dev.entrabridge.credential.AssertionClaims} ({@code iss}, {@code sub}, {@code aud}, {@code exp}) are the
 * values the blueprint's FIC must hold. Failures are {@code AgentTokenException}s whose diagnosis names the fix
 * ({@code CredentialFailures}).
 */
package dev.entrabridge.credential;
