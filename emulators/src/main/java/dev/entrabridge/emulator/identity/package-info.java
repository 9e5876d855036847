/**
 * An emulator of Azure managed identity (App Service and IMDS):
 * {@code dev.entrabridge.emulator.identity.ManagedIdentityEmulator.start(minter, clock)} with
 * {@code addUserAssigned(ManagedIdentity.userAssigned(clientId, principalId, name))} and optionally
 * {@code systemAssigned(…)}. Tokens come from a {@code ManagedIdentityTokenMinter}
 * ({@code MintedToken mint(resource, identity)}): {@code OidcManagedIdentityMinter} over an
 * {@code OidcIssuerEmulator}, or the Entra emulator's, e.g.
 * <pre>{@code
 * (resource, id) -> new MintedToken(entra.mintManagedIdentityToken(tenant, id.principalId(), id.clientId(),
 *         resource, lifetime), expiry)
 * }</pre>
 *
 * <ul>
 * <li>App Service / Functions: {@code IDENTITY_ENDPOINT} = {@code identityEndpoint()},
 *     {@code IDENTITY_HEADER} = {@code identityHeader()}. Requires {@code X-IDENTITY-HEADER} (401
 *     otherwise — emulator's choice of status), {@code api-version=2019-08-01}, {@code resource};
 *     selects by {@code client_id}, {@code object_id}/{@code principal_id} or {@code mi_res_id}.
 *     Unknown identity → 400
 *     {@code {"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":…}}
 *     as App Service answers.</li>
 * <li>IMDS: {@code imdsTokenEndpoint()} ({@code /metadata/identity/oauth2/token}), header
 *     {@code Metadata: true}, {@code api-version} ≥ 2018-02-01, {@code resource},
 *     {@code client_id}/{@code object_id}/{@code msi_res_id}; {@code X-Forwarded-For} refused. Errors
 *     400 {@code {"error":"invalid_request","error_description":…}} with "Required metadata header not
 *     specified", "Identity not found", ….</li>
 * <li>Success:
 *     {@code {"access_token","expires_on":"<epoch s string>","resource","token_type":"Bearer","client_id"}},
 *     IMDS also {@code expires_in}, {@code ext_expires_in}, {@code not_before} (strings).</li>
 * <li>MSAL4J: the IMDS path is reached through MSAL's {@code httpClient(IHttpClient)} seam routing
 *     {@code 169.254.169.254} to the emulator; the App Service path by a child JVM whose environment
 *     has {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER} (see
 *     {@code ManagedIdentityEmulatorIT}).</li>
 * </ul>
 */
package dev.entrabridge.emulator.identity;
