/**
 * The whole emulated cloud in one line, and the one seeded world every test and the demo run in.
 *
 * <p>{@code EmulatedCloud.start(clock)} (or {@code EmulatedCloud.builder()…start()}) starts the Entra,
 * STS, GCP metadata, managed identity, a Kubernetes-style cluster issuer and Microsoft Graph
 * ({@code graph()}, serving the tenant's directory live) emulators and seeds tenant {@code contoso}
 * with blueprint {@code BLUEPRINT_APP_ID} whose federated identity credentials ({@code FIC_AWS},
 * {@code FIC_GCP}, {@code FIC_KUBERNETES}, {@code FIC_MANAGED_IDENTITY}) trust each of them (the STS
 * issuer with {@code AWS_ROLE_ARN}, the GCP service account, {@code K8S_SUBJECT}, the user-assigned
 * managed identity {@code MI_CLIENT_ID}), two agent identities ({@code MAILER_AGENT_APP_ID} with Graph
 * {@code User.Read.All}, {@code Mail.Send}, {@code Calendars.Read}; {@code CALENDAR_AGENT_APP_ID} with
 * {@code User.Read.All}), an agent user of the mailer ({@code AGENT_USER_OID}) and a person
 * ({@code USER_OID}). The blueprint is also an API ({@code BLUEPRINT_API}, scope {@code ACCESS_AS_USER},
 * {@code accessTokenAcceptedVersion} 2: user tokens for it are v2; a test wanting v1 user tokens registers
 * it for 1 with {@code cloud.tenant().api(BLUEPRINT_APP_ID, BLUEPRINT_API).accessTokenAcceptedVersion(1)}).
 * Graph accepts v1 tokens, as Entra issues them for it. The STS principal ({@code AWS_ACCESS_KEY_ID}) may mint tokens only for
 * {@code api://AzureADTokenExchange}, for at most an hour. Every identifier is a public constant, so
 * tests, docs and the demo name the same things.
 *
 * <pre>{@code
 * EmulatedCloud cloud = EmulatedCloud.builder()
 *         .clock(mutableClock)         // default: the system clock
 *         .developmentCredentials()    // the blueprint also holds BLUEPRINT_SECRET and a certificate
 *         .demoPeople()                // USER_UPN signs in with USER_PASSWORD; Graph users and events
 *         .secondTenant()              // OTHER_TENANT_ID, which knows Graph but not the blueprint
 *         .start();
 * cloud.tenant().agentIdentity(MAILER_AGENT_APP_ID, BLUEPRINT_APP_ID).enabled(false);   // break one thing
 * cloud.entra().faults().failNext(1, Fault.throttle(Duration.ofSeconds(2)));             // or inject a fault
 * cloud.resetFaults();
 * }</pre>
 *
 * <p>{@code MutableClock} is the clock tests move by hand, shared by the emulators and the code under
 * test. {@code CloudFederationIT} drives the cloud end to end: the real {@code StsClient} mints the
 * assertion, a real MSAL4J blueprint client obtains T1 and the agent's client T2 for Graph. Shared's
 * test-jar turns a running cloud into the bridge's configuration
 * ({@code dev.entrabridge.testing.EmulatedDeployment}).
 */
package dev.entrabridge.emulator.cloud;
