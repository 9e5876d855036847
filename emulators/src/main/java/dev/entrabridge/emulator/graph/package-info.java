/**
 * A Microsoft Graph emulator ({@link dev.entrabridge.emulator.graph.GraphEmulator}) over HTTPS that
 * validates bearer tokens the way Graph does and serves the user, calendar, mail and beta
 * application routes the bridge and its health check call.
 *
 * <pre>{@code
 * GraphEmulator graph = GraphEmulator.start(clock, Set.of(tenantIssuer), () -> tenantJwksJson);
 * // or GraphEmulator.start(clock, Set.of(issuer), jwksUri) to fetch the JWKS over HTTPS
 * graph.addUser(new GraphUser(id, upn, displayName, given, surname, mail, jobTitle));
 * graph.addEvent(id, new GraphEvent("ev-1", "Stand-up", start, end, "Room 1"));
 * graph.seededApplications().addBlueprint(objectId, appId, name)
 *      .addFederatedIdentityCredential(objectId, "aws", issuer, subject, "api://AzureADTokenExchange");
 * graph.sentMail();   // what sendMail accepted
 * }</pre>
 *
 * <p>Tokens: RS256 only, key by {@code kid} from the JWKS (asked again on an unknown kid), {@code iss}
 * in the allowed set, {@code aud} {@code https://graph.microsoft.com} or
 * {@code 00000003-0000-0000-c000-000000000000}, {@code exp}/{@code nbf} with a five-minute skew;
 * failures are 401 {@code InvalidAuthenticationToken} with {@code WWW-Authenticate}. Permissions:
 * app tokens by {@code roles}, delegated tokens ({@code scp} + {@code oid}) by scope and, for mail
 * and calendar, only the signed-in user's own mailbox. Users need User.Read.All (or
 * User.ReadBasic.All, Directory.Read.All…), {@code /me} a delegated User.Read, calendarView
 * Calendars.Read, sendMail Mail.Send, applications Application.Read.All or
 * AgentIdentityBlueprint.Read.All. Directory refusals are 403 {@code Authorization_RequestDenied},
 * mailbox ones 403 {@code ErrorAccessDenied}; unknown objects 404 {@code Request_ResourceNotFound};
 * all in Graph's {@code {"error":{"code","message","innerError":{date,request-id,client-request-id}}}}.
 *
 * <p>Collections: users by {@link dev.entrabridge.emulator.graph.UserFilter} ({@code startswith}/{@code eq}
 * joined by and/or, doubled quotes) and {@code $skiptoken} next links; calendarView by
 * {@code EventQuery} (pages of 10, {@code $top}, {@code $skip} next links, {@code $select},
 * {@code $orderby}). {@code throttleNext} answers Graph's 429.
 */
package dev.entrabridge.emulator.graph;
