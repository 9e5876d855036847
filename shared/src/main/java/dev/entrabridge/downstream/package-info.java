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
 *       GET/POST/PUT/PATCH/DELETE (no body on GET/DELETE). Forwardable request headers only: {@code Accept,
 *       Accept-Language, ConsistencyLevel, Prefer, If-Match, If-None-Match, client-request-id} (never
 *       {@code Authorization}).</li>
 *   <li>{@code RelativePath.parse(raw)} refuses {@code ..}/{@code .} segments, {@code //}, encoded
 *       {@code . / \ %} or control bytes, backslashes, CR/LF and controls, spaces and raw non-ASCII,
 *       {@code #}, absolute and protocol-relative URLs, more than 2048 characters. {@code isWithin(allowedPaths)}
 *       matches whole segments ({@code /v1.0/users} allows {@code /v1.0/users/x}, not {@code /v1.0/usersX}).</li>
 *   <li>{@code DownstreamLimits(connectTimeout, responseTimeout, maxRequestBytes, maxResponseBytes)}: defaults
 *       5 s, 30 s (covering the whole body), 256 KiB, 1 MiB. Response headers passed back: content-type,
 *       content-language, date, etag, last-modified, location, retry-after, request-id, client-request-id,
 *       x-ms-request-id, x-ms-ags-diagnostic, odata-version, preference-applied, www-authenticate,
 *       x-ms-throttle-limit-percentage, x-ms-resource-unit.</li>
 *   <li>{@code DownstreamException}: {@code reason()} with {@code httpStatus()} — {@code BAD_PATH} 400,
 *       {@code PATH_NOT_ALLOWED} 403, {@code BAD_METHOD} 400, {@code BAD_HEADER} 400, {@code REQUEST_TOO_LARGE}
 *       413, {@code RESPONSE_TOO_LARGE} 502, {@code TIMEOUT} 504, {@code UNREACHABLE} 502; {@code code()} =
 *       {@code DOWNSTREAM_<REASON>}. Never contains the token.</li>
 * </ul>
 */
package dev.entrabridge.downstream;
