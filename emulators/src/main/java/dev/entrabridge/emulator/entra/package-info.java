/**
 * The Entra emulator: An HTTPS emulator of the Microsoft Entra v2 token service that MSAL4J 1.26.1
 * {@code ConfidentialClientApplication} uses unmodified, with Agent ID's rules. <b>Public host.</b>
 * Tokens ({@code iss}), discovery documents and the expected certificate-assertion {@code aud} all use
 * {@code https://login.microsoftonline.com}. Clients keep the production authority
 * ({@code https://login.microsoftonline.com/{tenant}/}) and route only their HTTP transport to
 * {@code baseUrl()} (MSAL's cache misses on every call when the authority carries a port). The tests
 * do it with a small MSAL {@code IHttpClient} ({@code EmulatorRoutingHttpClient}, src/test) on the JDK
 * client trusting {@code EmulatorTls}.
 *
 * <pre>{@code
 * EntraEmulator entra = EntraEmulator.start(clock);
 * Tenant t = entra.directory().tenant(TENANT_ID, "contoso.onmicrosoft.com");
 * t.blueprint(BP).secret("…", expiry).certificate(x509)
 *         .federatedCredential("aws", awsIssuer, roleArn, "api://AzureADTokenExchange");
 * t.agentIdentity(AGENT, BP);                       // .enabled(false) → AADSTS7000112
 * t.agentUser(AGENT_USER_OID, "agent@contoso…", AGENT);
 * t.user(USER_OID, "alice@contoso…");
 * t.resource("https://graph.microsoft.com").appRoles("User.Read.All").scopes("User.Read");
 * t.grantAppRoles(AGENT, "https://graph.microsoft.com", "User.Read.All");
 * t.consent(AGENT, "https://graph.microsoft.com", "User.Read");
 * entra.directory().ficPropagationDelay(Duration.ofMinutes(2));   // young FICs → AADSTS70021
 * entra.tokenLifetime(Duration.ofHours(1)).refreshIn(Duration.ofMinutes(30));
 * String userToken = entra.mintUserToken(TENANT_ID, USER_OID, BP, Set.of("access_as_user"), Duration.ofHours(1));
 * String miToken = entra.mintManagedIdentityToken(TENANT_ID, principalOid, clientId, EXCHANGE_AUDIENCE, ttl);
 * entra.tokenRequests(); entra.requests(); entra.faults().failNext(1, Fault.throttle(Duration.ofSeconds(7)));
 * }</pre>
 *
 * <p>The directory is inspectable ({@code tenants()}, {@code blueprints()},
 * {@code federatedCredentials()}, {@code agentIdentities()}, {@code agentUsers()},
 * {@code resources()}, {@code appRoleGrants(…)}, {@code consentedScopes(…)}) so a Graph emulator can
 * serve the same objects. Adding a FIC enforces Entra's rules: at most 20 per blueprint,
 * issuer+subject unique, exactly one audience.
 *
 * <p><b>Routes</b>: {@code /{tenant}/v2.0/.well-known/openid-configuration},
 * {@code /{tenant}/discovery/v2.0/keys}, {@code /common/discovery/instance} (MSAL's instance-discovery
 * shape), {@code /{tenant}/oauth2/v2.0/token} ({@code {tenant}} = id or domain). MSAL4J sends
 * {@code client_info=1} and appends {@code openid profile offline_access} to every scope, even for
 * client_credentials; the emulator accepts them.
 *
 * <p><b>Token endpoint</b> (errors in Entra's JSON shape with {@code error_codes}, trace and
 * correlation ids — the caller's {@code client-request-id} is echoed — and {@code error_uri}; 401 for
 * {@code invalid_client}, else 400):
 *
 * <table>
 *   <tr><th>request</th> <th>rule → error</th></tr>
 * <tr><td>any</td> <td>unknown tenant 90002; unknown client_id 700016; disabled agent 7000112;
 *     {@code urn:ietf:params:oauth:grant-type:token-exchange} 82001; other grants 70003</td></tr>
 * <tr><td>{@code client_secret}</td> <td>wrong 7000215; all matching secrets expired 7000222</td></tr>
 * <tr><td>certificate {@code client_assertion} ({@code iss}={@code sub}=client_id)</td>
 *     <td>{@code x5t}/{@code x5t#S256} not registered or bad signature 700027; {@code aud} ≠ public
 *     token endpoint 50013; outside {@code nbf}/{@code exp} (5 min skew) 700024</td></tr>
 * <tr><td>federated {@code client_assertion} (blueprint)</td> <td>no FIC with the issuer 700211;
 *     audience differs 700212; subject equal ignoring case 700213; else 70021 (names issuer, subject,
 *     audience), also while the FIC is younger than the propagation delay; then signature by the
 *     issuer's JWKS (discovery → {@code jwks_uri} over HTTPS, cached, refetched on an unknown
 *     {@code kid}; issuers of this emulator's tenants use their own keys) 700027, unreachable issuer
 *     50166; expiry 700024; RS256 only (50027)</td></tr>
 * <tr><td>T1 as {@code client_assertion} (agent identity)</td> <td>must be signed by the tenant,
 *     {@code aud} {@code api://AzureADTokenExchange}, {@code azp} = the parent blueprint, {@code sub}
 *     = this agent's fmi subject (else 50013), unexpired (700024)</td></tr>
 * <tr><td>{@code client_credentials}</td> <td>scope must be one {@code <resource>/.default} (70011);
 *     unknown resource 500011; {@code fmi_path} only from a blueprint and only naming one of its agent
 *     identities, else {@code invalid_request} <b>AADSTS9002313</b> "Invalid request… [Reason -
 *     fmi_path '…' must name an agent identity of the blueprint presenting it…]" (Entra's generic
 *     malformed-request code; the emulator's choice); with {@code fmi_path} the scope must be
 *     {@code api://AzureADTokenExchange/.default}</td></tr>
 * <tr><td>OBO ({@code jwt-bearer}, {@code requested_token_use=on_behalf_of})</td> <td>user token of
 *     this tenant (50013) whose {@code aud} is the blueprint (50013 "…must be its blueprint"); expired
 *     500133; unknown user 50034; scopes not consented for the agent 65001</td></tr>
 * <tr><td>{@code user_fic}</td> <td>agent identities only (9002313);
 *     {@code user_federated_identity_credential} = a T2 for {@code api://AzureADTokenExchange} issued
 *     to this agent (50013, expired 700024); {@code user_id} or {@code username} of an agent user
 *     (50034) bound to this agent (9002313); consent 65001</td></tr>
 * </table>
 *
 * <p><b>Issued tokens</b> (RS256, tenant key, {@code kid} in the JWKS; {@code iss}
 * {@code https://login.microsoftonline.com/{tid}/v2.0}, {@code tid},
 * {@code iat}/{@code nbf}/{@code exp}, {@code uti}, {@code ver} 2.0): T1 — {@code aud}
 * {@code api://AzureADTokenExchange}, {@code azp}/{@code appid} blueprint, {@code sub}
 * {@code /eid1/c/pub/t/{tenant}/a/{blueprint}/{agent appId}} (GUIDs as base64url of their .NET byte
 * order, as Entra's AADSTS7002137 texts show); app tokens — {@code aud} the identifier URI for Graph,
 * the resource appId otherwise, {@code azp}/{@code appid}/{@code oid}/{@code sub} the client,
 * {@code idtyp=app}, {@code roles}; delegated tokens — {@code idtyp=user}, {@code oid}/{@code sub} the
 * user, {@code upn}, {@code scp}; users' tokens ({@code mintUserToken}, the password grant) for a blueprint set to
 * {@code accessTokenAcceptedVersion(null)} or {@code (1)} are v1 ({@code TokenVersion}: {@code iss
 * https://sts.windows.net/{tid}/}, {@code ver 1.0}, {@code aud api://<appId>}, {@code appid}), which on-behalf-of
 * accepts as Entra does (the emulator's blueprints start at 2); agent-issued tokens add {@code xms_par_app_azp} (blueprint) and
 * {@code xms_act_fct} {@code 11}, agent-user tokens {@code xms_sub_fct} {@code 13}. Responses carry
 * {@code token_type}, {@code access_token}, {@code expires_in}, {@code ext_expires_in},
 * {@code refresh_in}, {@code scope}; delegated responses (when {@code openid} is requested, as MSAL
 * always does) also {@code id_token} and {@code client_info}, so MSAL creates the account and its
 * cache answers repeat calls.
 *
 * <p><b>Faults</b> ({@code faults()}): 429 reaches MSAL as {@code MsalServiceException} (status 429,
 * {@code Retry-After} header); the generic 503 has a plain-text body, which MSAL reports as a parsing
 * failure without retrying; latency delays every answer.
 *
 * <p><b>Password grant</b> (for the demo and tests):
 * {@code tenant.password(userOid, pw).publicClient(appId)} lets {@code grant_type=password} with
 * {@code client_id}, {@code username} (UPN), {@code password} and a scope on a blueprint
 * ({@code api://<blueprint appId>/.default}) or a resource return a delegated user token whose
 * {@code aud} is that appId — what a person presents for on-behalf-of. Wrong password →
 * {@code invalid_grant} AADSTS50126; an unregistered client → AADSTS700016 ({@code EntraEndpointsIT}).
 */
package dev.entrabridge.emulator.entra;
