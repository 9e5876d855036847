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
 * t.resource("https://graph.microsoft.com").appRoles("User.Read.All").scopes("User.Read");   // v1 tokens
 * t.api(BP, "api://" + BP).scopes("access_as_user").accessTokenAcceptedVersion(2);        // or 1
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
 * <p><b>Routes</b>: {@code /{tenant}/v2.0/.well-known/openid-configuration} and the v1
 * {@code /{tenant}/.well-known/openid-configuration} (a real tenant's documents: {@code claims_supported},
 * {@code kerberos_endpoint}, {@code rbac_url}; a tenant named by domain answers its GUID in every URL),
 * {@code /{tenant}/discovery/v2.0/keys} and {@code /{tenant|common}/discovery/keys} (each key with
 * {@code x5t}, {@code x5c} of its self-signed certificate and the {@code issuer} it signs for),
 * {@code /common/discovery/instance} (MSAL's instance-discovery shape),
 * {@code /common/userrealm/{upn}?api-version=1.0} (what MSAL asks before a password grant: {@code Managed}
 * for a tenant's domain, else {@code Unknown}), {@code /{tenant}/oauth2/v2.0/token} ({@code {tenant}} = id
 * or domain). MSAL4J sends {@code client_info=1} and appends {@code openid profile offline_access} to every
 * scope, even for client_credentials; the emulator accepts them.
 *
 * <p><b>Token endpoint</b> (errors in Entra's JSON shape with {@code error_codes}, trace and
 * correlation ids — the caller's {@code client-request-id}, from the header (MSAL4J) or the token URL's
 * query string or the form body (msal-node), is echoed — and {@code error_uri}; 401 for
 * {@code invalid_client}, else 400):
 *
 * <table>
 *   <tr><th>request</th> <th>rule → error</th></tr>
 * <tr><td>any</td> <td>unknown tenant 90002; unknown client_id 700016; disabled agent 7000112;
 *     {@code urn:ietf:params:oauth:grant-type:token-exchange} 82001; other grants 70003</td></tr>
 * <tr><td>{@code client_secret}</td> <td>wrong 7000215; all matching secrets expired 7000222</td></tr>
 * <tr><td>certificate {@code client_assertion} ({@code iss}={@code sub}=client_id)</td>
 *     <td>RS256 or PS256 (msal-node signs PS256 with {@code x5t#S256}, as the certificate-credential
 *     document prescribes; else 50027); {@code x5t}/{@code x5t#S256} not registered or bad signature 700027;
 *     {@code aud} ≠ public token endpoint 50013; outside {@code nbf}/{@code exp} (5 min skew) 700024</td></tr>
 * <tr><td>federated {@code client_assertion} (blueprint)</td> <td>no FIC with the issuer 700211;
 *     audience differs 700212; subject equal ignoring case 7002138, else 700213 (both with the texts
 *     real tenants answer, naming the presented subject); a matching FIC younger than the propagation
 *     delay 70021 (Entra's generic record, naming issuer, subject and audience: the emulator's choice,
 *     real tenants were also seen answering 700213 then); then signature by the
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
 *     this tenant, v2 or v1 (50013), whose {@code aud} is the blueprint — v2 its appId, v1 its appId or an
 *     identifier URI it is registered under ({@code Tenant.api}) — (50013 "…must be its blueprint"); expired
 *     500133; unknown user 50034; scopes not consented for the agent 65001 (names compared ignoring case, as
 *     Entra does; the answer spells them as consented)</td></tr>
 * <tr><td>{@code refresh_token}</td> <td>a refresh token this tenant issued (9002313) to this client
 *     (70000), younger than 90 days (700082); public clients redeem theirs without a credential</td></tr>
 * <tr><td>{@code user_fic}</td> <td>agent identities only (9002313);
 *     {@code user_federated_identity_credential} = a T2 for {@code api://AzureADTokenExchange} issued
 *     to this agent (50013, expired 700024); {@code user_id} or {@code username} of an agent user
 *     (50034) bound to this agent (9002313); consent 65001</td></tr>
 * </table>
 *
 * <p><b>Issued tokens</b> (RS256, tenant key, {@code kid} in the JWKS; {@code tid},
 * {@code iat}/{@code nbf}/{@code exp}, {@code uti}) come in the format of their resource's
 * {@code accessTokenAcceptedVersion} ({@link dev.entrabridge.emulator.entra.ResourceApp}: Graph 1, other
 * APIs 2 unless registered for 1) with only that format's claims, as the access token claims reference
 * lists them: v2 {@code iss https://login.microsoftonline.com/{tid}/v2.0}, {@code ver 2.0}, {@code azp},
 * {@code azpacr}, {@code preferred_username}, {@code aud} the API's appId; v1 {@code iss
 * https://sts.windows.net/{tid}/}, {@code ver 1.0}, {@code appid}, {@code appidacr}, {@code upn},
 * {@code unique_name}, {@code idp} on app tokens, {@code aud} the identifier URI. {@code azpacr}/{@code
 * appidacr} say how the client authenticated: 0 public client, 1 secret, 2 certificate or assertion. T1
 * and exchange tokens (for {@code api://AzureADTokenExchange}) are v2: T1 — {@code sub}
 * {@code /eid1/c/pub/t/{tenant}/a/{blueprint}/{agent appId}} (GUIDs as base64url of their .NET byte
 * order, as Entra's AADSTS7002137 texts show). App tokens: {@code sub}/{@code oid} the client,
 * {@code idtyp=app}, {@code roles}. Delegated tokens: {@code idtyp=user}, {@code oid} the user, {@code sub}
 * pairwise per client application, {@code scp}; a user's token for a blueprint ({@code mintUserToken}, the
 * password grant) follows the blueprint's API registration ({@code Tenant.api(appId, "api://" + appId)}):
 * {@code accessTokenAcceptedVersion(null)} or {@code (1)} gives v1 ({@code aud api://<appId>}), 2 (the
 * emulated cloud's setting) v2, an unregistered blueprint v2. Agent tokens carry the Agent ID token claims reference's
 * facets: autonomous {@code xms_act_fct "3 9 11"}, {@code xms_sub_fct "9 3 11"}, {@code xms_idrel "7 10"},
 * {@code xms_tnt_fct "3 9"}; on-behalf-of {@code xms_sub_fct "3 12"}; agent user {@code xms_sub_fct "13"};
 * all {@code xms_par_app_azp} (blueprint). Golden claim sets per token kind are the emulators' test
 * fixtures {@code golden/claims/*.json}. Responses carry {@code token_type}, {@code expires_in},
 * {@code ext_expires_in}, {@code refresh_in} and {@code access_token} (client credentials: nothing else);
 * delegated responses add {@code scope}, with {@code openid} also {@code id_token} and {@code client_info}
 * (so MSAL creates the account), with {@code offline_access} a {@code refresh_token}.
 *
 * <p><b>Faults</b> ({@code faults()}): 429 reaches MSAL as {@code MsalServiceException} (status 429,
 * {@code Retry-After} header); the generic 503 has a plain-text body, which MSAL reports as a parsing
 * failure without retrying; latency delays every answer.
 *
 * <p><b>Password grant</b> (for the demo and tests):
 * {@code tenant.password(userOid, pw).publicClient(appId)} lets {@code grant_type=password} with
 * {@code client_id}, {@code username} (UPN), {@code password} and a scope on a blueprint
 * ({@code api://<blueprint appId>/.default}) or a resource return a delegated user token in the resource's
 * format ({@code azp} the public client, {@code azpacr} 0) — what a person presents for on-behalf-of; MSAL4J's
 * username/password flow works unmodified (user realm, account, refresh token). Wrong password →
 * {@code invalid_grant} AADSTS50126; an unregistered client → AADSTS700016 ({@code EntraEndpointsIT}).
 */
package dev.entrabridge.emulator.entra;
