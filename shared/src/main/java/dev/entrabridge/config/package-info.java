/**
 * The bridge's configuration: one immutable {@link dev.entrabridge.config.BridgeConfig}, read once at
 * start-up by {@link dev.entrabridge.config.BridgeConfig#fromEnvironment(java.util.Map)} and validated
 * eagerly. Every failure is a {@link dev.entrabridge.config.ConfigException} whose
 * {@code variable()} names what to fix and whose message says what to put there
 * ("ENTRA_TENANT_ID is missing: set it to your tenant's GUID").
 *
 * <h2>Where values come from</h2>
 * Environment variables win over {@code BRIDGE_CONFIG_FILE} (a JSON object; its field for each
 * setting is in the third column), so a deployment can override one value without editing the file.
 * Every setting, the health check's included, is parsed by the same rules: whole numbers within a
 * range, booleans {@code true|false|1|0|yes|no}, absolute http(s) origins without a path. The
 * Microsoft Entra SDK for AgentID sidecar's names are accepted too.
 *
 * <table>
 *   <caption>Configuration reference</caption>
 *   <tr><th>variable</th><th>sidecar name</th><th>file field</th><th>meaning</th></tr>
 *   <tr><td>{@code ENTRA_TENANT_ID} (required)</td><td>{@code AzureAd__TenantId}</td><td>{@code tenantId}</td>
 *       <td>the agent identities' home tenant: GUID or verified domain ({@code common}/{@code organizations} refused)</td></tr>
 *   <tr><td>{@code ENTRA_AUTHORITY_HOST}</td><td>{@code AzureAd__Instance}</td><td>{@code authorityHost}</td>
 *       <td>default {@code https://login.microsoftonline.com}; {@code login.microsoftonline.us} → audience
 *       {@code api://AzureADTokenExchangeUSGov}, {@code login.chinacloudapi.cn} → {@code api://AzureADTokenExchangeChina}</td></tr>
 *   <tr><td>{@code ENTRA_BLUEPRINT_CLIENT_ID} (required)</td><td>{@code AzureAd__ClientId}</td><td>{@code blueprintClientId}</td>
 *       <td>the agent identity blueprint's appId</td></tr>
 *   <tr><td>{@code BRIDGE_CREDENTIAL_SOURCE}</td><td>{@code AzureAd__ClientCredentials__0__SourceType} ({@code ClientSecret},
 *       {@code SignedAssertionFilePath}, {@code SignedAssertionFromManagedIdentity}, {@code Path})</td><td>{@code credential.source}</td>
 *       <td>{@code aws-sts}, {@code token-file}, {@code gcp-metadata}, {@code managed-identity}, {@code client-secret},
 *       {@code certificate}; when unset: {@code AWS_LAMBDA_FUNCTION_NAME} → aws-sts, {@code IDENTITY_ENDPOINT} →
 *       managed-identity, {@code AZURE_FEDERATED_TOKEN_FILE} → token-file</td></tr>
 *   <tr><td>{@code AWS_REGION} (aws-sts)</td><td>—</td><td>{@code credential.awsRegion}</td>
 *       <td>region of the regional STS endpoint ({@code AWS_DEFAULT_REGION} accepted)</td></tr>
 *   <tr><td>{@code BRIDGE_STS_ENDPOINT}</td><td>—</td><td>{@code credential.stsEndpoint}</td><td>STS endpoint override (VPC endpoint, emulator)</td></tr>
 *   <tr><td>{@code BRIDGE_STS_TOKEN_DURATION_SECONDS}</td><td>—</td><td>{@code credential.stsTokenDurationSeconds}</td><td>60–3600, default 300</td></tr>
 *   <tr><td>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}</td><td>—</td><td>—</td>
 *       <td>used for STS when present in the environment map, else the SDK's default provider chain</td></tr>
 *   <tr><td>{@code AZURE_FEDERATED_TOKEN_FILE} (token-file)</td><td>{@code …__SignedAssertionFileDiskPath}</td><td>{@code credential.tokenFile}</td>
 *       <td>projected token file; re-read when it changes or its token nears expiry</td></tr>
 *   <tr><td>{@code GCE_METADATA_HOST}</td><td>—</td><td>{@code credential.gcpMetadataHost}</td>
 *       <td>{@code host[:port]} of the metadata server, default {@code metadata.google.internal}</td></tr>
 *   <tr><td>{@code BRIDGE_MANAGED_IDENTITY_CLIENT_ID} (managed-identity)</td><td>{@code …__ManagedIdentityClientId}</td>
 *       <td>{@code credential.managedIdentityClientId}</td><td>the user-assigned identity's client id. MSAL itself reads
 *       {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} from the real process environment (the platform sets
 *       them), not from this configuration</td></tr>
 *   <tr><td>{@code ENTRA_CLIENT_SECRET} (client-secret)</td><td>{@code …__ClientSecret}</td><td>{@code credential.clientSecret}</td><td>development only</td></tr>
 *   <tr><td>{@code ENTRA_CLIENT_CERTIFICATE_PATH} (certificate)</td><td>{@code …__CertificateDiskPath}</td><td>{@code credential.certificatePath}</td>
 *       <td>PEM (PKCS#8 key + certificate) or PKCS#12; development only</td></tr>
 *   <tr><td>{@code ENTRA_CLIENT_CERTIFICATE_PASSWORD}</td><td>{@code …__CertificatePassword}</td><td>{@code credential.certificatePassword}</td><td>PKCS#12 password</td></tr>
 *   <tr><td>{@code BRIDGE_AGENTS}</td><td>—</td><td>{@code agents}</td>
 *       <td>{@code name=<agent appId>[:<agent user OID or UPN>],…}; file: {@code {"travel": {"agentIdentity": …,
 *       "agentUserId"|"agentUsername": …, "bedrockAgents": [ … ]}}} or {@code {"travel": "<appId>"}}</td></tr>
 *   <tr><td>{@code BRIDGE_BEDROCK_AGENTS}</td><td>—</td><td>{@code agents.<name>.bedrockAgents}</td>
 *       <td>which Amazon Bedrock agents act as which agent when they invoke their action group:
 *       {@code <agent name>=<Bedrock agent id>[:<alias id>],…} (an agent may appear several times; file:
 *       {@code ["AGENT12345", "AGENT67890:TSTALIASID"]}). Ids are the 10 letters and digits the console shows.
 *       A mapping with an alias wins over one without; one Bedrock agent (and alias) may act as one agent only.
 *       When set, the variable replaces every {@code bedrockAgents} of the file. An unmapped Bedrock agent is refused.</td></tr>
 *   <tr><td>—</td><td>{@code DownstreamApis__<name>__BaseUrl} (Graph: {@code https://graph.microsoft.com/v1.0/}),
 *       {@code __Scopes__N}, {@code __RelativePath} and {@code __HttpMethod} (the defaults of the downstream routes),
 *       {@code __RequestAppToken}, {@code __AcquireTokenOptions__Tenant|ForceRefresh|Claims}, {@code __AllowedPaths__N}
 *       (narrows; without it any path below {@code BaseUrl}); {@code __AcquireTokenOptions__FmiPath|PopPublicKey|
 *       LongRunningWebApiSessionKey|ManagedIdentity__UserAssignedClientId} are refused</td>
 *       <td>{@code apis}</td><td>{@code {"graph": {"baseUrl": …, "scopes": [ … ], "relativePath": …, "httpMethod": …,
 *       "requestAppToken": …, "acquireTokenOptions": {…}, "allowedPaths": [ … ]}}}</td></tr>
 *   <tr><td>{@code BRIDGE_CALLERS}, {@code BRIDGE_POLICY}</td><td>—</td><td>{@code callers}, {@code policy}</td>
 *       <td>raw JSON for the caller validation and the caller policy ({@code BridgeConfig.callers()}, {@code policy()});
 *       an invalid policy is a {@code ConfigException} naming {@code BRIDGE_POLICY}</td></tr>
 *   <tr><td>{@code ENTRA_ENDPOINT_OVERRIDE}</td><td>—</td><td>{@code http.entraEndpointOverride}</td>
 *       <td>{@code scheme://host[:port]} Entra traffic really goes to (emulator, proxy); the authority URL stays the production one</td></tr>
 *   <tr><td>{@code BRIDGE_TRUSTED_CA_FILE}</td><td>—</td><td>{@code http.trustedCaFile}</td><td>extra PEM CA bundle trusted besides the JDK's (read once, at start-up)</td></tr>
 *   <tr><td>{@code BRIDGE_HTTP_CONNECT_TIMEOUT_MS} / {@code BRIDGE_HTTP_READ_TIMEOUT_MS}</td><td>—</td>
 *       <td>{@code http.connectTimeoutMs} / {@code http.readTimeoutMs}</td><td>defaults 3000 / 10000</td></tr>
 *   <tr><td>{@code BRIDGE_RETRY_BUDGET_MS}, {@code BRIDGE_RETRY_MAX_ATTEMPTS}, {@code BRIDGE_RETRY_FIC_PROPAGATION}</td><td>—</td>
 *       <td>{@code retry.budgetMs}, {@code retry.maxAttempts}, {@code retry.ficPropagation}</td><td>defaults 8000, 4, false</td></tr>
 *   <tr><td>{@code BRIDGE_CACHE_MAX_ENTRIES}</td><td>—</td><td>{@code cacheMaxEntries}</td><td>default 1000</td></tr>
 *   <tr><td>{@code BRIDGE_HEALTH_BUDGET_SECONDS}</td><td>—</td><td>{@code health.budgetSeconds}</td><td>total time of a health run, 1–300, default 20</td></tr>
 *   <tr><td>{@code BRIDGE_HEALTH_RETRY_SECONDS}</td><td>—</td><td>{@code health.retrySeconds}</td>
 *       <td>time the exchange check may wait on retries, at most half the budget, default 6</td></tr>
 *   <tr><td>{@code BRIDGE_HEALTH_GRAPH}</td><td>—</td><td>{@code health.graph}</td><td>read FICs and credential end dates through Graph, default true</td></tr>
 *   <tr><td>{@code BRIDGE_HEALTH_EXPIRY_WARN_DAYS} / {@code BRIDGE_HEALTH_EXPIRY_FAIL_DAYS}</td><td>—</td>
 *       <td>{@code health.expiryWarnDays} / {@code health.expiryFailDays}</td><td>expiry windows, defaults 30 / 7 (fail ≤ warn)</td></tr>
 *   <tr><td>{@code BRIDGE_HEALTH_FAIL_HEALTHZ}</td><td>—</td><td>{@code health.failHealthz}</td><td>{@code /healthz} answers 503 while the last run failed, default false</td></tr>
 *   <tr><td>{@code BRIDGE_HEALTH_INTERVAL_SECONDS}</td><td>—</td><td>{@code health.intervalSeconds}</td>
 *       <td>how often a long-running deployment (the sidecar) runs the check, default 300, 0 = off, else 10–86400</td></tr>
 *   <tr><td>{@code BRIDGE_GRAPH_BASE_URL}</td><td>—</td><td>{@code graph.baseUrl}</td><td>Graph's https origin for the Graph
 *       operations; default the origin of the downstream API whose scopes are Graph's, else {@code https://graph.microsoft.com}</td></tr>
 *   <tr><td>{@code BRIDGE_GRAPH_MAX_BYTES}</td><td>—</td><td>{@code graph.maxBytes}</td><td>cap on one Graph operation's result JSON,
 *       1024–1048576, default 20480</td></tr>
 *   <tr><td>{@code BRIDGE_GRAPH_MAX_RESULTS}</td><td>—</td><td>{@code graph.maxResults}</td><td>items per Graph result, 1–999, default 25</td></tr>
 *   <tr><td>{@code BRIDGE_GRAPH_ALLOWED_PATHS}</td><td>—</td><td>{@code graph.allowedPaths}</td><td>prefixes below {@code /v1.0/} the
 *       generic Graph GET may read, e.g. {@code /users,/groups}; default none</td></tr>
 *   <tr><td>{@code BRIDGE_GRAPH_SEND_MAIL}</td><td>—</td><td>{@code graph.sendMail}</td><td>{@code true} lets agents send mail; default false</td></tr>
 *   <tr><td>{@code BRIDGE_GRAPH_TIMEOUT_MS}</td><td>—</td><td>{@code graph.timeoutMs}</td><td>one Graph operation, all pages, 100–120000, default 10000</td></tr>
 *   <tr><td>{@code BRIDGE_CONFIG_FILE}</td><td>—</td><td>—</td><td>path of the JSON configuration file</td></tr>
 * </table>
 *
 * <p>{@link dev.entrabridge.config.BedrockAgents} answers which configured agent a Bedrock agent acts as;
 * {@link dev.entrabridge.config.HealthSettings} holds the health check's settings.
 */
package dev.entrabridge.config;
