/**
 * Outbound HTTP: {@link dev.entrabridge.http.OutboundHttpClients} builds the one JDK {@code HttpClient} of a
 * runtime (connect timeout, redirects never followed, the JDK's CAs plus {@code BRIDGE_TRUSTED_CA_FILE}),
 * and {@link dev.entrabridge.http.MsalTransport} is MSAL4J's one {@code IHttpClient} on it (read timeout,
 * the optional Entra endpoint override, an optional observer of every answer). Token legs, the managed
 * identity endpoint, the GCP metadata server, caller JWKS, downstream APIs and the health check all share
 * that client.
 */
package dev.entrabridge.http;
