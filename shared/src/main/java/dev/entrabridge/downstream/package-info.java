/**
 * Calling a configured API with the agent token.
 *
 * <ul>
 *   <li>{@code new DownstreamCaller(httpClient, limits)} (the client must use {@code Redirect.NEVER}; the
 *       runtime passes its own); {@code call(DownstreamApi, accessToken, DownstreamRequest)} →
 *       {@code DownstreamResponse(statusCode, headers name→[values], content|null)}, Microsoft's sidecar
 *       shape. The API's own 4xx/5xx and any 3xx come back as a response, not an error.
 *       {@code target(api, request)} runs every check without sending (to fail before a token is issued).</li>
 *   <li>{@code DownstreamRequest(method, relativePath, headers, contentType, body)}; methods
 *       GET/POST/PUT/PATCH/DELETE (a body is sent as given, as Microsoft's sidecar does, even on GET). Any request
 *       header but those {@code HeaderNames.isReserved} names ({@code Authorization}, {@code Proxy-Authorization},
 *       {@code Cookie}, {@code Host}, {@code X-Forwarded-*}, {@code X-MS-CLIENT-PRINCIPAL*}, {@code X-MS-TOKEN-AAD-*},
 *       {@code Content-Type} and framing headers).</li>
 *   <li>{@code RelativePath.parse(raw)} is relative to the API's base URL ({@code me} below
 *       {@code https://graph.microsoft.com/v1.0/}; empty is the base URL); percent-encodes spaces, quotes, braces and
 *       non-ASCII as .NET's {@code Uri} does; refuses {@code ..}/{@code .} segments, {@code //}, encoded
 *       {@code . / \ %} or control bytes, backslashes, CR/LF and controls, {@code #}, absolute and protocol-relative
 *       URLs, more than 2048 characters. {@code isWithin(allowedPaths)} matches whole segments ({@code /users} allows
 *       {@code /users/x}, not {@code /usersX}); an API without {@code allowedPaths} allows any path below its base URL.</li>
 *   <li>{@code DownstreamLimits(connectTimeout, responseTimeout, maxRequestBytes, maxResponseBytes)}: defaults
 *       5 s, 30 s (covering the whole body), 256 KiB, 1 MiB. Response headers passed back: content-type,
 *       content-language, date, etag, last-modified, location, retry-after, request-id, client-request-id,
 *       x-ms-request-id, x-ms-ags-diagnostic, odata-version, preference-applied, www-authenticate,
 *       x-ms-throttle-limit-percentage, x-ms-resource-unit and the content headers, spelt as the API spells them
 *       ({@code Content-Type}, {@code request-id}), plus the body's {@code Content-Length}.</li>
 *   <li>{@code DownstreamException}: {@code reason()} with {@code httpStatus()} — {@code BAD_PATH} 400,
 *       {@code PATH_NOT_ALLOWED} 403, {@code BAD_METHOD} 400, {@code BAD_HEADER} 400, {@code REQUEST_TOO_LARGE}
 *       413, {@code RESPONSE_TOO_LARGE} 502, {@code TIMEOUT} 504, {@code UNREACHABLE} 502; {@code code()} =
 *       {@code DOWNSTREAM_<REASON>}. Never contains the token.</li>
 * </ul>
 */
package dev.entrabridge.downstream;
