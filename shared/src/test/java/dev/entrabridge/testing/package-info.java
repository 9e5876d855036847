/**
 * The test kit every module's tests use (it ships in {@code shared}'s test-jar): the emulated world,
 * the bridge configured for it, and the checks every test class gets.
 *
 * <h2>Run a test in the emulated world</h2>
 *
 * <pre>{@code
 * class MyAdapterIT {
 *
 *     @RegisterExtension
 *     final EmulatedCloudExtension world = EmulatedCloudExtension.perTest(b -> b.developmentCredentials());
 *
 *     @Test
 *     void issuesAGraphToken() {
 *         Map<String, String> env = world.bridge().environment(CredentialSourceKind.AWS_STS); // an operator's
 *         AgentTokenService tokens = world.bridge().tokenService(CredentialSourceKind.AWS_STS);
 *         AgentToken token = tokens.acquire(AgentTokenRequest.autonomous(EmulatedDeployment.MAIL_AGENT,
 *                 Set.of(EmulatedDeployment.GRAPH_DEFAULT)));
 *         world.cloud().tenant().findAgentIdentity(EmulatedCloud.MAILER_AGENT_APP_ID).orElseThrow().enabled(false);
 *         world.clock().advance(Duration.ofMinutes(11));  // the emulators and the bridge share this clock
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.entrabridge.testing.EmulatedCloudExtension} starts a
 *       {@link dev.entrabridge.emulator.cloud.EmulatedCloud} (Entra, AWS STS, GCP metadata, a cluster
 *       issuer, managed identity and Graph on loopback, seeded with the constants of {@code EmulatedCloud})
 *       before each test — or once per class with {@code perClass(...)} on a {@code static} field — on a
 *       {@link dev.entrabridge.emulator.cloud.MutableClock}, and stops it and deletes its files afterwards.
 *       {@code perTest(options)} / {@code perClass(options)} choose the cloud's builder options
 *       ({@code developmentCredentials()}, {@code demoPeople()}, {@code secondTenant()}). Test and
 *       lifecycle methods may also take {@code EmulatedCloud}, {@code MutableClock} and
 *       {@code EmulatedDeployment} parameters.</li>
 *   <li>{@link dev.entrabridge.testing.EmulatedDeployment} is the bridge deployed on that cloud:
 *       {@code environment(source)} is the environment an operator would set for any credential source
 *       ({@code aws-sts}, {@code token-file}, {@code gcp-metadata}, {@code managed-identity},
 *       {@code client-secret}, {@code certificate}), pointing at the emulators, with the CA, certificate
 *       and token files written for it; {@code config(source)} the same as a {@code BridgeConfig};
 *       {@code runtime(...)} (and its {@code tokenService(...)}, {@code credentialHealth(...)}) builds the
 *       core through {@link dev.entrabridge.testing.Runtimes}, the runtime's builder, as every deployment
 *       builds it, so a change of how the core is composed is made there once;
 *       {@code LOOPBACK_MAIL_AGENT_POLICY} is the caller policy a test calling as a local agent adds;
 *       {@code bedrockEnvironment()} is the Lambda behind Bedrock agents' action groups (Bedrock agents
 *       {@code BEDROCK_AGENT_ID} → {@code mail-agent} and {@code BEDROCK_CALENDAR_AGENT_ID} → {@code calendar-agent},
 *       {@code BEDROCK_POLICY}, mail on) and {@code seedExampleCalendar()} the events of its calendar examples. The configured agents are
 *       {@code mail-agent} (the mailer agent identity with its agent user) and {@code calendar-agent};
 *       the API is {@code graph} (the Graph emulator, base URL {@code …/v1.0/} as in Microsoft's Graph entry, {@code /users} and {@code /me} allowed).
 *       It is plain Java: the demo uses it too.</li>
 *   <li>{@link dev.entrabridge.testing.LogHygieneExtension} (registered for every test class of a module
 *       that sets {@code junit.jupiter.extensions.autodetection.enabled=true}) fails a class whose run
 *       logged a token, an assertion or a known secret; {@link dev.entrabridge.testing.Jwts} makes and
 *       reads JWTs.</li>
 * </ul>
 *
 * <p>A module uses the kit by depending on {@code dev.entrabridge:shared} with {@code <type>test-jar</type>}
 * and {@code dev.entrabridge:emulators}, both in test scope.
 */
package dev.entrabridge.testing;
